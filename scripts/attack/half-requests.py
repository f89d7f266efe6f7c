# A hostile member's half requests: 50 connections that each send a whole request then half of the next,
# again and again, until killed. argv[1]: the socket.
import socket, sys, threading, time
path = sys.argv[1]
def run():
    while True:
        try:
            s = socket.socket(socket.AF_UNIX); s.connect(path)
            s.sendall(b'{"id":1,"type":"list","body":{"format":"json"}}\n{"id":2,"type":"li'); time.sleep(0.2)
        except OSError: time.sleep(0.1)
for _ in range(50): threading.Thread(target=run, daemon=True).start()
threading.Event().wait()
