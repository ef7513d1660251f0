#!/usr/bin/env python3
"""Re-typesets the development corpus's truths through headless Chromium in other layouts.

The dev PDFs come from six engines, and quire reads them all perfectly; publications of the
same genre set another way are what it is judged on. This writes, for every
`DEV/NAME.truth.json`, one PDF per layout below with a truth beside it (running heads and
figures are not set, so `noise` is empty and figures and tables are not annotated), for
`score.py` to score quire's outputs against:

- `endnotes`: notes as an endnote list under "Notes", called by bracketed numbers; the
  reference list numbered when its entries carry no label of their own;
- `inside`: the colophon on a page of its own after the title page (the inside cover), the
  publisher named only in a copyright line, an e-ISSN and a report number among the fields;
- `authorlines`: one author per line in the title block, the date as "11 June 2024";
- `twocol`: the body in two justified columns, notes called by superscripts and listed
  (numbered) under a full-width "Notes" heading, the reference list numbered.

Colophon contacts are printed as "Tel. … | Fax …" and "Email: …" right after the
inquiries line in every layout. Usage: `retypeset.py DEV OUT [LAYOUT …]` (needs chromium).
"""
import json, glob, html, os, subprocess, sys, re
if len(sys.argv) < 3:
    sys.exit(__doc__)
DEV, OUT = sys.argv[1], sys.argv[2]
os.makedirs(OUT, exist_ok=True)
WORK = os.path.join(OUT, 'html')
os.makedirs(WORK, exist_ok=True)
E = html.escape
MONTHS = ['January','February','March','April','May','June','July','August','September','October','November','December']

def date_words(iso, style):
    if not iso: return ''
    p = iso.split('-')
    y = p[0]; m = int(p[1]) if len(p) > 1 else None; d = int(p[2]) if len(p) > 2 else None
    if style == 'dmy' and m and d: return f'{d} {MONTHS[m-1]} {y}'
    if style == 'mdy' and m and d: return f'{MONTHS[m-1]} {d}, {y}'
    if m: return f'{MONTHS[m-1]} {y}'
    return y

def notes_html(t, style):
    n = len(t['footnotes'])
    if not n: return {}, ''
    paras = [(si, bi) for si, s in enumerate(t['sections']) for bi, b in enumerate(s['blocks']) if b['kind'] == 'p']
    calls = {}
    for k in range(n):
        at = paras[min(len(paras) - 1, (k * len(paras)) // n)] if paras else None
        calls.setdefault(at, []).append(k + 1)
    if style == 'bracket':
        lst = ''.join(f'<p class="note">[{k+1}] {E(x)}</p>' for k, x in enumerate(t['footnotes']))
    else:
        lst = '<ol class="notes">' + ''.join(f'<li>{E(x)}</li>' for x in t['footnotes']) + '</ol>'
    return calls, f'<h2>Notes</h2>{lst}'

def call(k, style):
    return f'[{k}]' if style == 'bracket' else f'<sup>{k}</sup>'

def body_html(t, calls, style):
    out = []
    for si, s in enumerate(t['sections']):
        if s['title']:
            h = 'h2' if s['level'] == 1 else 'h3'
            out.append(f'<{h}>{E(s["title"])}</{h}>')
        items = []
        for bi, b in enumerate(s['blocks']):
            txt = E(b['text']) + ''.join(call(k, style) for k in calls.get((si, bi), []))
            if b['kind'] == 'list_item':
                items.append(f'<li>{txt}</li>'); continue
            if items: out.append('<ul>' + ''.join(items) + '</ul>'); items = []
            if b['kind'] == 'quote': out.append(f'<blockquote><p>{txt}</p></blockquote>')
            else: out.append(f'<p>{txt}</p>')
        if items: out.append('<ul>' + ''.join(items) + '</ul>')
    return '\n'.join(out)

def colophon_html(t, variant):
    c = t['colophon']; f = t['front']
    rows = []
    if variant == 'inside':
        if f.get('publisher'): rows.append(f'<p>© {(f.get("date") or "2024")[:4]} {E(f["publisher"])}. All rights reserved.</p>')
    if c.get('disclaimer'): rows.append(f'<p class="disc">{E(c["disclaimer"])}</p>')
    if f.get('isbn'): rows.append(f'<p>ISBN {E(f["isbn"])}</p>')
    if variant == 'inside':
        rows.append('<p>e-ISSN 2765-4410</p><p>Report No. 2024-07</p>')
    if c.get('typeset_by'): rows.append(f'<p>Typesetting and layout: {E(c["typeset_by"])}</p>')
    if c.get('inquiries'): rows.append(f'<p>For inquiries: {E(c["inquiries"])}</p>')
    tel = []
    if c.get('phone'): tel.append(f'Tel. {E(c["phone"])}')
    if c.get('fax'): tel.append(f'Fax {E(c["fax"])}')
    if tel: rows.append('<p>' + ' | '.join(tel) + '</p>')
    if c.get('email'): rows.append(f'<p>Email: {E(c["email"])}</p>')
    if variant != 'inside' and f.get('publisher'): rows.append(f'<p>{E(f["publisher"])}</p>')
    if c.get('address'): rows.append(f'<p>{E(c["address"])}</p>')
    if c.get('website'): rows.append(f'<p>Website: {E(c["website"])}</p>')
    return '<div class="colophon">' + '\n'.join(rows) + '</div>'

def bios_html(t):
    b = [a['bio'] for a in t['front']['authors'] if a.get('bio')]
    return ''.join(f'<p class="bio">{E(x)}</p>' for x in b)

def refs_html(t, numbered):
    if not t['references']: return ''
    if numbered and not any(re.match(r'\s*(\[\d+\]|\d+\.)\s', r['raw']) for r in t['references']):
        return '<h2>References</h2><ol class="refs">' + ''.join(f'<li>{E(r["raw"])}</li>' for r in t['references']) + '</ol>'
    return '<h2>References</h2>' + ''.join(f'<p class="ref">{E(r["raw"])}</p>' for r in t['references'])

CSS = """
@page { size: A4; margin: 22mm 20mm; }
body { font-family: 'DejaVu Serif', serif; font-size: 10pt; line-height: 1.4; }
h1 { font-size: 20pt; margin: 0 0 4pt; } .subtitle { font-size: 13pt; font-style: italic; margin: 0 0 10pt; }
h2 { font-size: 13pt; margin: 14pt 0 4pt; } h3 { font-size: 11pt; margin: 10pt 0 3pt; }
p { margin: 0 0 6pt; text-align: justify; } .series { font-size: 9pt; font-weight: bold; }
.author { font-size: 11pt; margin: 0; } .date { font-size: 9pt; margin: 8pt 0 16pt; }
.abstract { background: #eee; padding: 8pt; margin-bottom: 14pt; } .abstract h2 { margin-top: 0; font-size: 10pt; }
.note, ol.notes li, .ref, ol.refs li { font-size: 9pt; } .bio { font-size: 9pt; }
.disc { font-style: italic; font-size: 8.5pt; } .colophon p { font-size: 8.5pt; margin: 0 0 2pt; text-align: left; }
.cols { column-count: 2; column-gap: 18pt; }
.pb { break-before: page; }
"""

def render(t, v):
    f = t['front']
    note_style = 'bracket' if v in ('endnotes', 'inside') else 'sup'
    calls, notes = notes_html(t, note_style)
    head = []
    if f.get('series'): head.append(f'<p class="series">{E(f["series"])}</p>')
    head.append(f'<h1>{E(f["title"] or "")}</h1>')
    if f.get('subtitle'): head.append(f'<p class="subtitle">{E(f["subtitle"])}</p>')
    if v == 'authorlines':
        head += [f'<p class="author">{E((a.get("given") or "") + " " + a["surname"])}</p>' for a in f['authors']]
    else:
        head.append('<p class="author">' + E(', '.join((a.get('given') or '') + ' ' + a['surname'] for a in f['authors'])) + '</p>')
    head.append(f'<p class="date">{E(date_words(f.get("date"), "dmy" if v == "authorlines" else "mdy"))}</p>')
    if f.get('abstract'):
        head.append('<div class="abstract"><h2>Summary</h2>' + ''.join(f'<p>{E(p)}</p>' for p in f['abstract']) + '</div>')
    body = body_html(t, calls, note_style)
    if v == 'twocol': body = f'<div class="cols">{body}</div>'
    parts = ['\n'.join(head)]
    if v == 'inside':
        parts.append('<div class="pb"></div>' + colophon_html(t, v) + '<div class="pb"></div>')
    parts += [body, notes, refs_html(t, v in ('twocol', 'endnotes')), bios_html(t)]
    if v != 'inside': parts.append(colophon_html(t, v))
    return f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{E(f["title"] or "")}</title><style>{CSS}</style></head><body>' + '\n'.join(parts) + '</body></html>'

VARIANTS = sys.argv[3:] or ['endnotes', 'inside', 'authorlines', 'twocol']
for tf in sorted(glob.glob(os.path.join(DEV, '*.truth.json'))):
    t = json.load(open(tf))
    name = os.path.basename(tf)[:-len('.truth.json')]
    for v in VARIANTS:
        stem = f'{v}-{name}'
        h = os.path.join(WORK, f'{stem}.html')
        open(h, 'w').write(render(t, v))
        pdf = f'{OUT}/{stem}.pdf'
        subprocess.run(['chromium', '--headless', '--no-sandbox', '--disable-gpu', '--no-pdf-header-footer', f'--print-to-pdf={pdf}', h], capture_output=True)
        t2 = dict(t); t2['noise'] = []; t2['producer'] = 'chromium'
        t2.pop('figures', None); t2.pop('tables', None)
        json.dump(t2, open(f'{OUT}/{stem}.truth.json', 'w'), ensure_ascii=False, indent=1)
        if not os.path.exists(pdf):
            print(f'{stem}: chromium wrote no PDF', file=sys.stderr)
