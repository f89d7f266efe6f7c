# The chair's import of a big file (argv[2] MiB, a line of 4/3 of that once in base64), sent again
# and again as `import --dry-run` on argv[3] connections (one per event loop of the server), until
# killed. argv[1]: the socket. The file is refused once decoded (a JSON page over its limit): what
# is measured is the decoding of the line.
import socket, sys, base64, json, threading
path, mebibytes, count = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
payload = base64.b64encode(b'[' + b'0,' * (mebibytes << 19) + b'0]').decode()
line = json.dumps({"id": 0, "type": "import", "body": {"files": [{"name": "page.json", "contents": payload}],
                                                       "dryRun": True, "format": "table"}}).encode() + b'\n'
del payload
def run():
    s = socket.socket(socket.AF_UNIX); s.connect(path); f = s.makefile('rb')
    while True:
        s.sendall(line); f.readline()
for _ in range(count): threading.Thread(target=run, daemon=True).start()
threading.Event().wait()
