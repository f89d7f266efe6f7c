# A hostile member's journal bloat: comments of 80 kB (19 900 four-byte characters), saved again and again
# on one sheet until killed. argv[1]: the socket, argv[2] a dossier, argv[3] a criterion.
import socket, sys, json, time
s = socket.socket(socket.AF_UNIX); s.connect(sys.argv[1]); f = s.makefile("rb"); i = 0
while True:
    i += 1
    s.sendall((json.dumps({"id": i, "type": "score", "body": {"number": int(sys.argv[2]), "values": [],
               "comments": [sys.argv[3] + "=" + ("\U0001F642" if i % 2 else "\U0001F600") * 19900], "reopen": False, "submit": False}}) + "\n").encode())
    f.readline()
