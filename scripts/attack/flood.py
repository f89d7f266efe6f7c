# A hostile member's flood: argv[1] the socket, argv[2] a request line with %d for its id, argv[3] connections.
# Each connection sends, reads the answer, sends again, until killed (docs/SERVER.md, « Quotas »).
import socket, sys, threading
path, line, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
def run():
    s = socket.socket(socket.AF_UNIX); s.connect(path); f = s.makefile('rb'); i = 0
    while True:
        i += 1; s.sendall((line % i).encode() + b'\n'); f.readline()
for _ in range(count): threading.Thread(target=run, daemon=True).start()
threading.Event().wait()
