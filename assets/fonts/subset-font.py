#!/usr/bin/env python3
"""Makes NotoSansCJKsc-Regular-subset.otf from Debian's fonts-noto-cjk (needs python3-fonttools).

Usage: python3 assets/fonts/subset-font.py [/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc]
"""
import subprocess
import sys
import tempfile
from pathlib import Path

SOURCE = sys.argv[1] if len(sys.argv) > 1 else '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc'
SIMPLIFIED_CHINESE_FACE = 2  # JP, KR, SC, TC, HK... in the collection
OUT = Path(__file__).with_name('NotoSansCJKsc-Regular-subset.otf')

RANGES = [
    (0x0020, 0x024F),  # Latin, with the accents of German and French
    (0x2000, 0x206F),  # general punctuation
    (0x20A0, 0x20CF),  # currency
    (0x2100, 0x214F),  # letterlike symbols
    (0x2190, 0x21FF),  # arrows
    (0x2200, 0x22FF),  # mathematical operators
    (0x25A0, 0x25FF),  # geometric shapes
    (0x3000, 0x303F),  # CJK punctuation
    (0xFF00, 0xFFEF),  # full-width forms
]


def gb2312() -> set[int]:
    """Every character of GB2312: the 6,763 hanzi of simplified Chinese and its symbols."""
    found = set()
    for high in range(0xA1, 0xF8):
        for low in range(0xA1, 0xFF):
            try:
                found.add(ord(bytes([high, low]).decode('gb2312')))
            except UnicodeDecodeError:
                pass
    return found


codepoints = gb2312().union(*(range(a, b + 1) for a, b in RANGES))
with tempfile.NamedTemporaryFile('w', suffix='.txt') as unicodes:
    unicodes.write('\n'.join(f'U+{c:04X}' for c in sorted(codepoints)))
    unicodes.flush()
    subprocess.run(
        [sys.executable, '-m', 'fontTools.subset', SOURCE, f'--font-number={SIMPLIFIED_CHINESE_FACE}',
         f'--unicodes-file={unicodes.name}', '--no-hinting', '--layout-features=kern,palt', "--name-IDs=*",
         f'--output-file={OUT}'],
        check=True,
    )
print(f'{OUT.name}: {len(codepoints)} characters, {OUT.stat().st_size} bytes')
