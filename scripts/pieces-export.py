# A platform's ZIP export holding one pièce justificative for dossier argv[2]: a budget in PDF, as
# applicants send it (a one-page PDF written by hand, fonts from the reader's own). Used by
# screenshots.sh to show the dossier screen's « Pièces justificatives ». argv[1]: the ZIP to write.
import sys, zipfile

def pdf(lines):
    def escaped(line):
        return line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    text = " ".join("(%s) '" % escaped(line) for line in lines)
    stream = ("BT /F1 11 Tf 72 770 Td 15 TL %s ET" % text).encode("latin-1")
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
               b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream"]
    out, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1) + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    return out + b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)

budget = ["Budget prévisionnel de l'animation du pôle, 2024-2025", "",
          "Poste de coordination (1 ETP) ........................ 92 000 EUR",
          "Animation des groupes de travail ....................... 38 000 EUR",
          "Communication et événements ............................ 21 000 EUR",
          "Frais de fonctionnement ................................ 19 000 EUR", "",
          "Total des charges ...................................... 170 000 EUR",
          "Subvention AMI PTCE demandée ........................... 100 000 EUR",
          "Cotisations des membres ................................ 28 000 EUR",
          "Région et collectivités ................................ 42 000 EUR"]
with zipfile.ZipFile(sys.argv[1], "w") as archive:
    archive.writestr("export/dossier-%s/pieces_justificatives/budget-previsionnel.pdf" % sys.argv[2], pdf(budget))
