//! Figures and tables: regions of graphics with the text inside them, bound to captions.
//!
//! The evidence is geometric and lexical, from the whole page: graphics grouped into
//! regions ([`regions`]), caption labels ("Figure 2.", "TABLE 1/T.6": [`captions`]),
//! and for tables the rules and the alignment of the text ([`tables`]). A caption takes
//! the nearest region above or below it; a region with no caption is a figure only when
//! it is big enough to be one, and a table only when its text falls into a grid. Text
//! inside a figure (axis labels, legends) and the cells of a table never reach the body.

mod captions;
mod regions;
mod tables;

use super::hyphen;
use super::lines::{to_box, warn, BodyStyle, TLine};
use crate::error::Warning;
use crate::layout::{Layout, Page, Rect};
use crate::tree::{Block, Figure, Provenance, Section, Table};
use captions::Kind;
use regions::Region;

/// The figures and tables found, and the lines they took.
#[derive(Debug, Default)]
pub(crate) struct Floats {
    /// Each figure or table with its place on the page.
    pub items: Vec<Float>,
    /// For each line, whether a figure or table took it (caption, figure text, cell, note).
    pub taken: Vec<bool>,
    /// What could not be settled.
    pub warnings: Vec<Warning>,
}

/// A figure or table block and where it stands.
#[derive(Debug, Clone)]
pub(crate) struct Float {
    /// The block.
    pub block: Block,
    /// Its page.
    pub page: u32,
    /// The box of the picture or table with its caption.
    pub bbox: Rect,
}

/// What a region on a page turned out to be.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Role {
    /// Too small, or rules on their own: not a unit.
    None,
    /// A picture: images, or enough drawing to be a chart or diagram.
    Figure,
    /// Rules around text that falls into a grid.
    Table,
    /// A frame or shading around running text: a box, left to the body.
    TextBox,
}

/// Finds the figures and tables of a document. `skip` marks lines already known to be
/// furniture.
pub(crate) fn find(layout: &Layout, lines: &[TLine], skip: &[bool], body: &BodyStyle, ev: &hyphen::Evidence) -> Floats {
    let mut out = Floats { taken: vec![false; lines.len()], ..Default::default() };
    if layout.pages.iter().all(|p| p.graphics.is_empty()) && !lines.iter().any(|l| l.block_start && captions::label(&l.text).is_some()) {
        return out;
    }
    let repeated = regions::repeated(layout);
    let mut start = 0;
    for (pi, page) in layout.pages.iter().enumerate() {
        let end = start + lines[start..].iter().take_while(|l| l.page == page.number).count();
        // A caption label at the head of a page can look like a running head: caption
        // lines are looked for among the furniture too.
        let on_page: Vec<usize> = (start..end).filter(|&i| !skip[i] || (captions::label(&lines[i].text).is_some() && !toc_entry(&lines[i].text))).collect();
        start = end;
        let regs = regions::regions(&page.graphics, &repeated[pi], page.width, page.height);
        if regs.is_empty() && !on_page.iter().any(|&i| lines[i].block_start && captions::label(&lines[i].text).is_some()) {
            continue;
        }
        PageFloats { page, lines, on: on_page, regs, body, ev, out: &mut out }.run();
    }
    out
}

/// The work on one page.
struct PageFloats<'a> {
    page: &'a Page,
    lines: &'a [TLine],
    /// Lines of the page that are not furniture, in reading order.
    on: Vec<usize>,
    regs: Vec<Region>,
    body: &'a BodyStyle,
    ev: &'a hyphen::Evidence,
    out: &'a mut Floats,
}

/// A caption found on a page.
struct Caption {
    kind: Kind,
    label: String,
    /// Lines it takes.
    lines: Vec<usize>,
    text: String,
    bbox: Rect,
}

impl PageFloats<'_> {
    fn run(&mut self) {
        let roles: Vec<Role> = (0..self.regs.len()).map(|r| self.role(r)).collect();
        let caps = self.captions();
        let mut bound = vec![false; self.regs.len()];
        for cap in &caps {
            match cap.kind {
                Kind::Figure => self.figure_for(cap, &roles, &mut bound),
                Kind::Table => self.table_for(cap, &roles, &mut bound),
            }
        }
        for r in 0..self.regs.len() {
            if bound[r] {
                continue;
            }
            match roles[r] {
                Role::Figure if self.substantial(r) => {
                    bound[r] = true;
                    let bbox = self.grow_figure(self.regs[r].picture_box(), None);
                    self.push_figure(None, None, bbox);
                    self.out.warnings.push(warn(Some(self.page.number), "a figure without a printed caption was kept without one"));
                }
                Role::Table => {
                    bound[r] = true;
                    let cap = self.caption_above(self.regs[r].bbox);
                    self.push_ruled_table(r, cap.as_ref());
                }
                _ => {}
            }
        }
    }

    /// Lines of the page (not yet taken) lying mostly inside `r`.
    fn inside(&self, r: &Rect) -> Vec<usize> {
        self.on.iter().copied().filter(|&i| !self.out.taken[i] && share_inside(&self.lines[i].bbox, r) >= 0.6).collect()
    }

    /// Whether a line reads as running text: body size, many words, no gutter inside.
    fn prose(&self, i: usize) -> bool {
        let l = &self.lines[i];
        let words = l.text.split_whitespace().count();
        let gutter = l.words.windows(2).any(|w| w[1].bbox.x0 - w[0].bbox.x1 > 1.5 * l.size);
        (l.size - self.body.size).abs() <= 0.6 && words >= 7 && !gutter
    }

    fn role(&self, r: usize) -> Role {
        let g = &self.regs[r];
        let (w, h) = (g.bbox.x1 - g.bbox.x0, g.bbox.y1 - g.bbox.y0);
        if w < 24.0 || h < 16.0 || g.only_rules() && !g.grid_of_rules() {
            return Role::None;
        }
        let inside = self.inside(&g.bbox);
        let rules = g.hrules.len() + g.vrules.len();
        let prose = inside.iter().filter(|&&i| self.prose(i)).count();
        if g.images == 0 && rules >= 4 && inside.len() >= 4 && prose * 3 < inside.len() && inner_rules(g) {
            if self.grid_of(&g.bbox, &g.hrules, &g.vrules).is_some_and(|grid| dense(&grid)) {
                return Role::Table;
            }
        }
        // Rules alone are a table or nothing: a frame of rules is no picture.
        if g.only_rules() {
            return Role::None;
        }
        // Running text inside a frame or shading is a box; over a picture, the picture is
        // its background.
        if (g.images == 0 && inside.len() >= 2 && prose * 2 >= inside.len()) || (g.images > 0 && prose >= 3) {
            return Role::TextBox;
        }
        Role::Figure
    }

    /// Whether an uncaptioned figure region is big enough to be a figure, not an icon,
    /// an ornament or a form's box.
    fn substantial(&self, r: usize) -> bool {
        let g = &self.regs[r];
        let (w, h) = (g.bbox.x1 - g.bbox.x0, g.bbox.y1 - g.bbox.y0);
        let page_area = self.page.width * self.page.height;
        let a = g.bbox.area();
        // A banner or a strip (a masthead, a decorative band) is far wider than tall; an
        // empty frame (a form's field) has nothing inside it.
        if w.max(h) > 5.0 * w.min(h) || (g.inner == 0 && self.inside(&g.bbox).is_empty()) {
            return false;
        }
        if g.images > 0 && g.image_area >= 0.5 * a {
            return w.min(h) >= 40.0 && a >= 0.04 * page_area;
        }
        w.min(h) >= 50.0 && a >= 0.04 * page_area && g.marks + g.hrules.len() + g.vrules.len() >= 8
    }

    /// Captions printed on the page, in reading order.
    fn captions(&mut self) -> Vec<Caption> {
        let mut caps = Vec::new();
        for (k, &i) in self.on.iter().enumerate() {
            let l = &self.lines[i];
            if !l.block_start {
                continue;
            }
            let Some(lab) = captions::label(&l.text).filter(|_| !toc_entry(&l.text)) else { continue };
            let mut taken = vec![i];
            let mut texts: Vec<&str> = Vec::new();
            if !lab.rest.is_empty() {
                texts.push(&lab.rest);
            }
            let mut prev = i;
            for &j in &self.on[k + 1..] {
                let m = &self.lines[j];
                let p = &self.lines[prev];
                if m.block != l.block || (m.size - l.size).abs() > 0.6 || m.bbox.y0 - p.bbox.y1 > 1.2 * l.size || list_start(&m.text) {
                    break;
                }
                taken.push(j);
                texts.push(&m.text);
                prev = j;
            }
            // A label standing alone takes the short line set under it as its caption.
            if texts.is_empty() {
                let under = self
                    .on
                    .iter()
                    .copied()
                    .filter(|&j| j != i && self.lines[j].bbox.y0 > l.bbox.y0 + 0.5 * l.size && overlap_x(&self.lines[j].bbox, &l.bbox) > 0.0)
                    .min_by(|&a, &b| self.lines[a].bbox.y0.total_cmp(&self.lines[b].bbox.y0));
                if let Some(j) = under {
                    let m = &self.lines[j];
                    let near = m.bbox.y0 - l.bbox.y1 < 2.0 * l.size;
                    if near && m.block_start && m.block_end && m.text.split_whitespace().count() <= 14 && captions::label(&m.text).is_none() {
                        taken.push(j);
                        texts.push(&m.text);
                    }
                }
            }
            let text = hyphen::join_lines(self.ev, texts);
            let bbox = taken.iter().map(|&j| self.lines[j].bbox).reduce(|a, b| a.union(&b)).unwrap_or(l.bbox);
            caps.push(Caption { kind: lab.kind, label: lab.label, lines: taken, text, bbox });
        }
        caps
    }

    /// Binds a figure caption to the nearest figure region above or below it.
    fn figure_for(&mut self, cap: &Caption, roles: &[Role], bound: &mut [bool]) {
        let reach = (4.0 * self.body.pitch).max(0.08 * self.page.height);
        let best = (0..self.regs.len())
            .filter(|&r| !bound[r] && matches!(roles[r], Role::Figure | Role::Table) && overlap_x(&self.regs[r].bbox, &cap.bbox) > 0.0)
            .filter_map(|r| vertical_gap(&self.regs[r].bbox, &cap.bbox).filter(|&d| d <= reach).map(|d| (r, d)))
            .min_by(|a, b| a.1.total_cmp(&b.1));
        self.take(&cap.lines);
        let Some((r, _)) = best else {
            self.out.warnings.push(warn(Some(self.page.number), format!("{}: no picture was found beside its caption; the caption is kept", cap.label)));
            self.out.items.push(Float {
                block: Block::figure(Figure { label: Some(cap.label.clone()), ..Default::default() }, &cap.text, vec![]),
                page: self.page.number,
                bbox: cap.bbox,
            });
            return;
        };
        bound[r] = true;
        let mut bbox = self.regs[r].picture_box();
        let below = bbox.y1 <= cap.bbox.y0 + 2.0;
        // Panels of one figure: regions on the far side of the picture, close to it, with
        // no running text between.
        // Panels are compared with their labels (panel titles, axis labels) taken in.
        loop {
            let grown = self.grow_figure(bbox, None);
            let next = (0..self.regs.len()).find(|&o| {
                !bound[o]
                    && roles[o] != Role::TextBox
                    && roles[o] != Role::Table
                    && overlap_x(&self.regs[o].bbox, &bbox) > 0.0
                    && {
                        let ob = self.grow_figure(self.regs[o].picture_box(), None);
                        let bbox = grown;
                        let gap = if below { bbox.y0 - ob.y1 } else { ob.y0 - bbox.y1 };
                        let side_by_side = ob.y0 < bbox.y1 && ob.y1 > bbox.y0;
                        (side_by_side || (-2.0..=3.0 * self.body.size).contains(&gap)) && !self.prose_between(&ob, &bbox)
                    }
            });
            let Some(o) = next else { break };
            bound[o] = true;
            bbox = bbox.union(&self.regs[o].bbox);
        }
        let bbox = self.grow_figure(bbox, Some(&cap.bbox));
        self.push_figure(Some(cap.label.clone()), Some(&cap.text), bbox);
        if let Some(f) = self.out.items.last_mut() {
            f.bbox = bbox.union(&cap.bbox);
        }
    }

    /// Whether a line of running text lies between two boxes stacked one over the other.
    fn prose_between(&self, a: &Rect, b: &Rect) -> bool {
        let (top, bottom) = if a.y1 <= b.y0 { (a.y1, b.y0) } else { (b.y1, a.y0) };
        self.on.iter().any(|&i| {
            let l = &self.lines[i];
            l.bbox.y0 >= top - 1.0 && l.bbox.y1 <= bottom + 1.0 && overlap_x(&l.bbox, a) > 0.0 && self.prose(i)
        })
    }

    /// The figure's box grown by the text that belongs to it: lines inside it, lines
    /// between it and its caption, and small or short labels just outside it.
    fn grow_figure(&self, bbox: Rect, cap: Option<&Rect>) -> Rect {
        let mut b = bbox;
        let near = 2.0 * self.body.size;
        for &i in &self.on {
            if self.out.taken[i] {
                continue;
            }
            let l = &self.lines[i];
            let lb = l.bbox;
            if share_inside(&lb, &b) >= 0.6 {
                continue;
            }
            let between = cap.is_some_and(|c| {
                overlap_x(&lb, &b) > 0.0 && ((lb.y0 >= b.y1 - 1.0 && lb.y1 <= c.y0 + 1.0) || (lb.y0 >= c.y1 - 1.0 && lb.y1 <= b.y0 + 1.0))
            });
            let grown = Rect { x0: b.x0 - near, y0: b.y0 - near, x1: b.x1 + near, y1: b.y1 + near };
            // Axis labels and legends are small, or short and not set larger or bolder than
            // the body (that would be a heading over the figure).
            let short_plain = l.text.split_whitespace().count() <= 4 && l.size <= self.body.size + 0.3 && !l.bold;
            let label_like = (l.size < self.body.size - 0.6 || short_plain) && !self.prose(i);
            if (between && !self.prose(i)) || (share_inside(&lb, &grown) >= 0.8 && label_like) {
                b = b.union(&lb);
            }
        }
        b
    }

    /// Adds a figure over `bbox`, taking the lines inside it as its text.
    fn push_figure(&mut self, label: Option<String>, caption: Option<&str>, bbox: Rect) {
        let inner = self.inside(&bbox);
        let inner_text: Vec<String> = inner.iter().map(|&i| self.lines[i].text.clone()).collect();
        self.take(&inner);
        let fig = Figure { label, alt: None, inner_text, image: None };
        let prov = vec![Provenance { page: self.page.number, bbox: to_box(&bbox) }];
        self.out.items.push(Float { block: Block::figure(fig, caption.unwrap_or(""), prov), page: self.page.number, bbox });
    }

    fn take(&mut self, idx: &[usize]) {
        for &i in idx {
            self.out.taken[i] = true;
        }
    }

    /// Binds a table caption to the table under (or over) it: a ruled region, or the
    /// aligned lines that follow, up to the running text.
    fn table_for(&mut self, cap: &Caption, roles: &[Role], bound: &mut [bool]) {
        let reach = 4.0 * self.body.pitch;
        let ruled = (0..self.regs.len())
            .filter(|&r| !bound[r] && roles[r] == Role::Table && overlap_x(&self.regs[r].bbox, &cap.bbox) > 0.0)
            .filter_map(|r| vertical_gap(&self.regs[r].bbox, &cap.bbox).filter(|&d| d <= reach).map(|d| (r, d)))
            .min_by(|a, b| a.1.total_cmp(&b.1));
        self.take(&cap.lines);
        if let Some((r, _)) = ruled {
            bound[r] = true;
            self.push_ruled_table(r, Some(cap));
            return;
        }
        let table = self.unruled_below(cap);
        match table {
            Some((grid, bbox, cells, notes)) => {
                self.take(&cells);
                self.take(&notes);
                let notes = notes.iter().map(|&i| self.lines[i].text.clone()).collect();
                let t = Table { label: Some(cap.label.clone()), rows: grid.rows, header_rows: grid.header_rows, notes, ruled: false, image: None };
                let prov = vec![Provenance { page: self.page.number, bbox: to_box(&bbox) }];
                self.out.items.push(Float { block: Block::table(t, &cap.text, prov), page: self.page.number, bbox: bbox.union(&cap.bbox) });
            }
            None => {
                self.out.warnings.push(warn(Some(self.page.number), format!("{}: its cells could not be aligned; its text is kept as paragraphs", cap.label)));
                let t = Table { label: Some(cap.label.clone()), ..Default::default() };
                self.out.items.push(Float { block: Block::table(t, &cap.text, vec![]), page: self.page.number, bbox: cap.bbox });
            }
        }
    }

    /// A ruled table from region `r`, with its caption if one was found.
    fn push_ruled_table(&mut self, r: usize, cap: Option<&Caption>) {
        let g = self.regs[r].clone();
        let Some(grid) = self.grid_of(&g.bbox, &g.hrules, &g.vrules) else { return };
        let cells = self.inside(&g.bbox);
        self.take(&cells);
        let notes = self.notes_under(&g.bbox);
        self.take(&notes);
        let notes = notes.iter().map(|&i| self.lines[i].text.clone()).collect();
        if let Some(c) = cap {
            self.take(&c.lines);
        }
        let t = Table { label: cap.map(|c| c.label.clone()).filter(|l| !l.is_empty()), rows: grid.rows, header_rows: grid.header_rows, notes, ruled: true, image: None };
        let prov = vec![Provenance { page: self.page.number, bbox: to_box(&g.bbox) }];
        let bbox = cap.map_or(g.bbox, |c| g.bbox.union(&c.bbox));
        self.out.items.push(Float { block: Block::table(t, cap.map_or("", |c| c.text.as_str()), prov), page: self.page.number, bbox });
    }

    /// The grid of the text inside `bbox`, read with the given rules.
    fn grid_of(&self, bbox: &Rect, hrules: &[(f32, f32, f32)], vrules: &[(f32, f32, f32)]) -> Option<tables::Grid> {
        let idx = self.inside(bbox);
        let phrases = self.phrases(&idx, vrules);
        let text_box = phrases.iter().map(|p| p.rect).reduce(|a, b| a.union(&b))?;
        tables::grid(phrases, hrules, vrules, bbox.union(&text_box))
    }

    fn phrases(&self, idx: &[usize], vrules: &[(f32, f32, f32)]) -> Vec<tables::Phrase> {
        idx.iter().flat_map(|&i| tables::phrases(&self.lines[i].words, self.lines[i].baseline, self.lines[i].bold, vrules)).collect()
    }

    /// A short line centred over a table, just above it: the caption of a table printed
    /// without a label.
    fn caption_above(&self, table: Rect) -> Option<Caption> {
        let &i = self
            .on
            .iter()
            .filter(|&&i| !self.out.taken[i] && self.lines[i].bbox.y1 <= table.y0 + 1.0 && table.y0 - self.lines[i].bbox.y1 < 3.0 * self.body.pitch)
            .max_by(|&&a, &&b| self.lines[a].bbox.y1.total_cmp(&self.lines[b].bbox.y1))?;
        let l = &self.lines[i];
        let centre = (l.bbox.x0 + l.bbox.x1) / 2.0 - (table.x0 + table.x1) / 2.0;
        let short = l.bbox.x1 - l.bbox.x0 < 0.8 * (table.x1 - table.x0);
        let numbered = l.text.split_whitespace().next().is_some_and(|w| w.chars().next().is_some_and(|c| c.is_ascii_digit()));
        (centre.abs() < 0.1 * (table.x1 - table.x0) && short && !numbered && !self.prose(i))
            .then(|| Caption { kind: Kind::Table, label: String::new(), lines: vec![i], text: l.text.clone(), bbox: l.bbox })
    }

    /// The lines under a caption that make an unruled (or booktabs) table: its grid, its
    /// box, the lines of its cells and its notes.
    fn unruled_below(&self, cap: &Caption) -> Option<(tables::Grid, Rect, Vec<usize>, Vec<usize>)> {
        let mut below: Vec<usize> = self.on.iter().copied().filter(|&i| !self.out.taken[i] && self.lines[i].bbox.y0 >= cap.bbox.y1 - 1.0).collect();
        below.sort_by(|&a, &b| self.lines[a].bbox.y0.total_cmp(&self.lines[b].bbox.y0).then(self.lines[a].bbox.x0.total_cmp(&self.lines[b].bbox.x0)));
        // Rules across the table: the booktabs top, middle and bottom rules.
        let mut hrules: Vec<(f32, f32, f32)> = self
            .regs
            .iter()
            .filter(|g| g.only_rules())
            .flat_map(|g| g.hrules.iter().copied())
            .filter(|&(y, x0, x1)| y > cap.bbox.y1 - 1.0 && x1 - x0 >= 0.5 * (cap.bbox.x1 - cap.bbox.x0).max(100.0) && x0 < cap.bbox.x1 && x1 > cap.bbox.x0)
            .collect();
        hrules.sort_by(|a, b| a.0.total_cmp(&b.0));
        let mut cells: Vec<usize> = Vec::new();
        let mut last_y = cap.bbox.y1;
        let pitch = self.body.pitch.max(self.body.size);
        let mut k = 0;
        while k < below.len() {
            let i = below[k];
            let l = &self.lines[i];
            let same_row = cells.last().is_some_and(|&c| (self.lines[c].baseline - l.baseline).abs() < 0.4 * l.size);
            if !same_row && l.bbox.y0 - last_y > 2.5 * pitch {
                break;
            }
            // Running text: this line and the next on its own baseline read as prose.
            if self.prose(i) && below.get(k + 1).is_none_or(|&j| self.prose(j) || (self.lines[j].baseline - l.baseline).abs() > 0.4 * l.size) {
                break;
            }
            if is_note_start(&l.text) && !cells.is_empty() {
                break;
            }
            // A rule below the last cells and above this line closes the table when it
            // is the last of the table's rules.
            let closing = hrules.iter().any(|&(y, _, _)| y > last_y && y < l.bbox.y0) && !hrules.iter().any(|&(y, _, _)| y > l.bbox.y1);
            if closing && cells.len() >= 2 {
                break;
            }
            cells.push(i);
            last_y = last_y.max(l.bbox.y1);
            k += 1;
        }
        if cells.len() < 2 {
            return None;
        }
        let bbox = cells.iter().map(|&i| self.lines[i].bbox).reduce(|a, b| a.union(&b))?;
        let phrases = self.phrases(&cells, &[]);
        let inner: Vec<(f32, f32, f32)> = hrules.iter().copied().filter(|&(y, _, _)| y > bbox.y0 && y < bbox.y1).collect();
        let grid = tables::grid(phrases, &inner, &[], bbox)?;
        let notes = self.notes_under(&bbox);
        Some((grid, bbox, cells, notes))
    }

    /// Note and source lines printed right under a table, with the rest of their blocks.
    fn notes_under(&self, table: &Rect) -> Vec<usize> {
        let mut out = Vec::new();
        let mut bottom = table.y1;
        let mut block = None;
        let mut cand: Vec<usize> = self.on.iter().copied().filter(|&i| !self.out.taken[i] && self.lines[i].bbox.y0 >= table.y1 - 1.0).collect();
        cand.sort_by(|&a, &b| self.lines[a].bbox.y0.total_cmp(&self.lines[b].bbox.y0));
        for i in cand {
            let l = &self.lines[i];
            if l.bbox.y0 - bottom > 2.0 * self.body.pitch.max(self.body.size) || overlap_x(&l.bbox, table) <= 0.0 {
                break;
            }
            if is_note_start(&l.text) || block == Some(l.block) {
                out.push(i);
                block = Some(l.block);
                bottom = l.bbox.y1;
            } else {
                break;
            }
        }
        out
    }
}

/// Whether a region has rules inside its frame: a column rule down most of it, or two
/// row rules across most of it. A frame alone (a component in a schematic, a text box)
/// does not make a table.
fn inner_rules(g: &Region) -> bool {
    let b = g.bbox;
    let (w, h) = (b.x1 - b.x0, b.y1 - b.y0);
    let (vrules, hrules) = (tables::join_segments(&g.vrules), tables::join_segments(&g.hrules));
    let cols = vrules.iter().filter(|&&(x, y0, y1)| x > b.x0 + 3.0 && x < b.x1 - 3.0 && y1 - y0 >= 0.3 * h).count();
    let rows = hrules.iter().filter(|&&(y, x0, x1)| y > b.y0 + 3.0 && y < b.y1 - 3.0 && x1 - x0 >= 0.5 * w).count();
    cols >= 1 || rows >= 2
}

/// Whether a grid is filled like a table: most of its cells hold text (a schematic or a
/// form drawn with rules leaves most of its grid empty).
fn dense(g: &tables::Grid) -> bool {
    let cells: usize = g.rows.iter().map(|r| r.iter().map(|c| usize::from(c.colspan)).sum::<usize>()).sum();
    let filled: usize = g.rows.iter().flatten().filter(|c| !c.text.is_empty()).map(|c| usize::from(c.colspan)).sum();
    let cols = g.rows.iter().map(|r| r.iter().map(|c| usize::from(c.colspan)).sum::<usize>()).max().unwrap_or(0);
    let need = if cols > 12 { 0.6 } else { 0.4 };
    cells > 0 && filled as f32 >= need * cells as f32
}

/// Whether a line reads as an entry of a table of contents or a list of figures: a
/// leader of dots, or a page number after a wide gap.
fn toc_entry(t: &str) -> bool {
    t.contains("....") || t.contains(". . . .") || t.contains("……")
}

/// Whether a line opens a list item: a bullet or an enumerator such as "8." or "(b)".
fn list_start(t: &str) -> bool {
    let t = t.trim_start();
    if t.starts_with(['•', '◦', '▪', '–', '·', '●']) {
        return true;
    }
    let lead: String = t.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '(').collect();
    let after = t[lead.len()..].chars().next();
    let digits = lead.trim_start_matches('(');
    !digits.is_empty() && digits.len() <= 3 && digits.chars().all(|c| c.is_ascii_digit()) && matches!(after, Some('.' | ')'))
}

/// Whether a line opens a table or figure note: "Note:", "Notes.", "Source:", a note mark.
fn is_note_start(t: &str) -> bool {
    let t = t.trim_start();
    let word: String = t.chars().take_while(|c| c.is_alphabetic()).collect();
    let after = t[word.len()..].chars().next();
    (matches!(word.to_lowercase().as_str(), "note" | "notes" | "source" | "sources") && matches!(after, Some(':' | '.' | ' ') | None))
        || t.starts_with(['*', '†', '‡', '§'])
}

/// How much of `a`'s area lies inside `b`, from 0 to 1.
fn share_inside(a: &Rect, b: &Rect) -> f32 {
    let w = (a.x1.min(b.x1) - a.x0.max(b.x0)).max(0.0);
    let h = (a.y1.min(b.y1) - a.y0.max(b.y0)).max(0.0);
    let area = a.area();
    if area <= 0.0 {
        let inside = a.x0 >= b.x0 && a.x1 <= b.x1 && a.y0 >= b.y0 && a.y1 <= b.y1;
        return if inside { 1.0 } else { 0.0 };
    }
    w * h / area
}

/// Width shared by two boxes.
fn overlap_x(a: &Rect, b: &Rect) -> f32 {
    (a.x1.min(b.x1) - a.x0.max(b.x0)).max(0.0)
}

/// The gap between a region and a caption stacked over or under it; `None` when the
/// caption sits inside the region's height.
fn vertical_gap(region: &Rect, cap: &Rect) -> Option<f32> {
    if cap.y0 >= region.y1 - 2.0 {
        Some((cap.y0 - region.y1).max(0.0))
    } else if cap.y1 <= region.y0 + 2.0 {
        Some((region.y0 - cap.y1).max(0.0))
    } else {
        None
    }
}

/// Puts each figure and table into the sections before the first block or heading
/// printed after it.
pub(crate) fn place(sections: &mut Vec<Section>, mut items: Vec<Float>) {
    items.sort_by(|a, b| a.page.cmp(&b.page).then(a.bbox.y0.total_cmp(&b.bbox.y0)));
    for f in items {
        let after = |p: &Provenance| {
            p.page > f.page || (p.page == f.page && p.bbox.y0 >= f.bbox.y1 - 2.0 && p.bbox.x1.min(f.bbox.x1) > p.bbox.x0.max(f.bbox.x0))
        };
        let mut at: Option<(usize, usize)> = None;
        'find: for (si, s) in sections.iter().enumerate() {
            if s.source.first().is_some_and(after) {
                at = Some(if si == 0 { (0, 0) } else { (si - 1, sections[si - 1].blocks.len()) });
                break;
            }
            for (bi, b) in s.blocks.iter().enumerate() {
                if b.source.first().is_some_and(after) {
                    at = Some((si, bi));
                    break 'find;
                }
            }
        }
        if sections.is_empty() {
            sections.push(Section { level: 1, title: None, blocks: vec![], source: vec![] });
        }
        let (si, bi) = at.unwrap_or((sections.len() - 1, sections[sections.len() - 1].blocks.len()));
        sections[si].blocks.insert(bi, f.block);
    }
}

#[cfg(test)]
mod tests;
