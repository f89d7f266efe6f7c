#!/usr/bin/env python3
"""Renders a `tmux capture-pane -e -p` capture (text with SGR sequences) to a PNG.

Cell widths come from libc's wcwidth in C.UTF-8, the table ncurses lays the console out
with: a wide character takes two cells, a combining mark joins the previous cell. Like
tmux, an emoji skin-tone modifier or a character after a zero-width joiner joins it too.
Glyphs that DejaVu Sans Mono lacks (CJK, colour emoji) show as boxes.
Usage: render_screenshot.py CAPTURE.ans OUT.png --columns 120 --rows 40 [--cursor X,Y]
"""
import argparse
import ctypes
import locale
import re
from PIL import Image, ImageDraw, ImageFont

FONT_DIR = "/usr/share/fonts/truetype/dejavu/"
FONT_SIZE = 16
PADDING = 12
DEFAULT_FG = (216, 222, 233)
DEFAULT_BG = (30, 33, 40)
# The 16 ANSI colours (Tango-like, readable on the dark background).
ANSI = [
    (46, 52, 54), (224, 88, 80), (138, 196, 88), (230, 190, 80),
    (98, 148, 214), (186, 120, 200), (80, 190, 200), (211, 215, 207),
    (100, 110, 120), (255, 120, 110), (170, 226, 120), (252, 220, 110),
    (130, 180, 250), (220, 150, 230), (120, 226, 236), (238, 238, 236),
]
SGR = re.compile(r"\x1b\[([0-9;:]*)m")
OTHER_ESCAPE = re.compile(r"\x1b(\[[0-9;:?]*[@-~]|[()][0-9A-Za-z]|[=>78])")

locale.setlocale(locale.LC_CTYPE, "C.UTF-8")
_libc = ctypes.CDLL(None)
_libc.wcwidth.argtypes = [ctypes.c_wchar]


def width(char):
    return max(0, _libc.wcwidth(char))


def joins_previous(char, previous):
    return width(char) == 0 or 0x1F3FB <= ord(char) <= 0x1F3FF or previous.endswith("\u200d")


def colour_256(n):
    if n < 16:
        return ANSI[n]
    if n < 232:
        n -= 16
        steps = [0, 95, 135, 175, 215, 255]
        return steps[n // 36], steps[n // 6 % 6], steps[n % 6]
    grey = 8 + 10 * (n - 232)
    return grey, grey, grey


class Pen:
    def __init__(self):
        self.reset()

    def reset(self):
        self.fg = self.bg = None
        self.bold = self.dim = self.underline = self.reverse = False

    def apply(self, text):
        """Applies one SGR parameter list (ECMA-48; 38/48 with ;5;n or ;2;r;g;b)."""
        codes = [int(c) if c else 0 for c in re.split("[;:]", text)] if text else [0]
        i = 0
        while i < len(codes):
            c = codes[i]
            if c == 0:
                self.reset()
            elif c == 1:
                self.bold = True
            elif c == 2:
                self.dim = True
            elif c == 22:
                self.bold = self.dim = False
            elif c == 4:
                self.underline = True
            elif c == 24:
                self.underline = False
            elif c == 7:
                self.reverse = True
            elif c == 27:
                self.reverse = False
            elif 30 <= c <= 37:
                self.fg = ANSI[c - 30]
            elif 90 <= c <= 97:
                self.fg = ANSI[c - 90 + 8]
            elif 40 <= c <= 47:
                self.bg = ANSI[c - 40]
            elif 100 <= c <= 107:
                self.bg = ANSI[c - 100 + 8]
            elif c == 39:
                self.fg = None
            elif c == 49:
                self.bg = None
            elif c in (38, 48) and i + 1 < len(codes):
                if codes[i + 1] == 5 and i + 2 < len(codes):
                    value, i = colour_256(codes[i + 2]), i + 2
                elif codes[i + 1] == 2 and i + 4 < len(codes):
                    value, i = tuple(codes[i + 2:i + 5]), i + 4
                else:
                    value = None
                if c == 38:
                    self.fg = value
                else:
                    self.bg = value
            i += 1

    def colours(self):
        fg, bg = self.fg or DEFAULT_FG, self.bg or DEFAULT_BG
        if self.reverse:
            fg, bg = bg, fg
        if self.dim:
            fg = tuple((f + b) // 2 for f, b in zip(fg, bg))
        return fg, bg


def parse(capture, columns, rows):
    """The grid: per cell (text, fg, bg, bold, underline), or None for a wide glyph's right half."""
    blank = (" ", DEFAULT_FG, DEFAULT_BG, False, False)
    grid = [[blank] * columns for _ in range(rows)]
    pen = Pen()  # tmux carries attributes over from one line to the next
    for y, line in enumerate(capture.split("\n")[:rows]):
        x, position = 0, 0
        while position < len(line):
            match = SGR.match(line, position)
            if match:
                pen.apply(match.group(1))
                position = match.end()
                continue
            match = OTHER_ESCAPE.match(line, position)
            if match:
                position = match.end()
                continue
            char = line[position]
            position += 1
            w = width(char)
            fg, bg = pen.colours()
            last = x - 1 if x > 0 and grid[y][x - 1] is not None else x - 2
            if last >= 0 and joins_previous(char, grid[y][last][0]):
                text, *rest = grid[y][last]
                grid[y][last] = (text + char, *rest)
                continue
            if w == 0:
                continue
            if x + w > columns:
                break
            grid[y][x] = (char, fg, bg, pen.bold, pen.underline)
            if w == 2:
                grid[y][x + 1] = None
            x += w
    return grid


def render(grid, columns, rows, cursor, out):
    regular = ImageFont.truetype(FONT_DIR + "DejaVuSansMono.ttf", FONT_SIZE)
    bold = ImageFont.truetype(FONT_DIR + "DejaVuSansMono-Bold.ttf", FONT_SIZE)
    ascent, descent = regular.getmetrics()
    cell_w, cell_h = round(regular.getlength("M")), ascent + descent
    image = Image.new("RGB", (columns * cell_w + 2 * PADDING, rows * cell_h + 2 * PADDING), DEFAULT_BG)
    draw = ImageDraw.Draw(image)
    for y, row in enumerate(grid):
        for x, cell in enumerate(row):
            if cell is None:
                continue
            text, fg, bg, is_bold, underline = cell
            cells = 2 if x + 1 < columns and row[x + 1] is None else 1
            left, top = PADDING + x * cell_w, PADDING + y * cell_h
            if cursor == (x, y):
                fg, bg = bg, fg
            draw.rectangle([left, top, left + cells * cell_w - 1, top + cell_h - 1], fill=bg)
            if text != " ":
                draw.text((left, top), text, font=bold if is_bold else regular, fill=fg)
            if underline:
                draw.line([left, top + ascent + 1, left + cells * cell_w - 1, top + ascent + 1], fill=fg)
    image.save(out)


def main():
    arguments = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    arguments.add_argument("capture")
    arguments.add_argument("output")
    arguments.add_argument("--columns", type=int, default=120)
    arguments.add_argument("--rows", type=int, default=40)
    arguments.add_argument("--cursor", help="X,Y of a visible cursor, drawn as a block")
    options = arguments.parse_args()
    cursor = tuple(int(v) for v in options.cursor.split(",")) if options.cursor else None
    with open(options.capture, encoding="utf-8") as capture:
        grid = parse(capture.read(), options.columns, options.rows)
    render(grid, options.columns, options.rows, cursor, options.output)


if __name__ == "__main__":
    main()
