#!/usr/bin/env python3
"""Generates the CID -> Unicode tables of the Adobe CJK character collections.

usage: generate.py CMAP_RESOURCES_DIR    (a checkout of github.com/adobe-type-tools/cmap-resources)

For each collection, reads the Uni*-UTF32-H CMap (Unicode -> CID) and then the -V one
(for the vertical variant CIDs), inverts them and writes NAME.bin next to this
script: zlib of (CID delta, code point delta zigzag) LEB128 varint pairs in CID order.
A CID reached from several code points keeps a unified character over a radical or
compatibility ideograph, and a vertical form reads as its horizontal character.
The tables are Adobe's (BSD-3-Clause, see LICENSE-cmap-resources in this folder).
"""
import os, re, sys, unicodedata, zlib

COLLECTIONS = {
    "Japan1": "Adobe-Japan1-7/CMap/UniJIS-UTF32",
    "GB1": "Adobe-GB1-6/CMap/UniGB-UTF32",
    "CNS1": "Adobe-CNS1-7/CMap/UniCNS-UTF32",
    "Korea1": "Adobe-Korea1-2/CMap/UniKS-UTF32",
}

def rank(u):
    """Lower is preferred: unified characters, then vertical forms, then radicals and compatibility ideographs."""
    if 0xF900 <= u <= 0xFAFF or 0x2F800 <= u <= 0x2FA1F or 0x2E80 <= u <= 0x2FDF:
        return 2
    return 1 if vertical_form(u) else 0

def vertical_form(u):
    return 0xFE10 <= u <= 0xFE19 or 0xFE30 <= u <= 0xFE4F

def text_of(u):
    """A vertical presentation form reads as the character it shows (NFKC)."""
    if vertical_form(u):
        n = unicodedata.normalize("NFKC", chr(u))
        if len(n) == 1:
            return ord(n)
    return u

def pairs(text):
    """(code point, CID) pairs of a CMap's cidchar and cidrange sections."""
    for block in re.findall(r"begincidrange(.*?)endcidrange", text, re.S):
        for lo, hi, cid in re.findall(r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(\d+)", block):
            lo, hi, cid = int(lo, 16), int(hi, 16), int(cid)
            for k in range(hi - lo + 1):
                yield lo + k, cid + k
    for block in re.findall(r"begincidchar(.*?)endcidchar", text, re.S):
        for u, cid in re.findall(r"<([0-9a-fA-F]+)>\s*(\d+)", block):
            yield int(u, 16), int(cid)

def better(new, old):
    return old is None or (rank(old), old) > (rank(new), new)

def varint(n, out):
    while True:
        b = n & 0x7F
        n >>= 7
        out.append(b | (0x80 if n else 0))
        if not n:
            return

def main():
    root = sys.argv[1]
    here = os.path.dirname(os.path.abspath(__file__))
    for name, base in COLLECTIONS.items():
        table = {}
        for suffix in ("-H", "-V"):
            seen = {}
            for u, cid in pairs(open(os.path.join(root, base + suffix), encoding="latin-1").read()):
                if better(u, seen.get(cid)):
                    seen[cid] = u
            for cid, u in seen.items():
                table.setdefault(cid, u)
        out, pc, pu = bytearray(), 0, 0
        for cid in sorted(table):
            u = text_of(table[cid])
            varint(cid - pc, out)
            d = u - pu
            varint((d << 1) ^ (d >> 63) if d < 0 else d << 1, out)
            pc, pu = cid, u
        data = zlib.compress(bytes(out), 9)
        open(os.path.join(here, f"{name}.bin"), "wb").write(data)
        print(f"{name}: {len(table)} CIDs, {len(data)} bytes")

if __name__ == "__main__":
    main()
