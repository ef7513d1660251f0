//! Bullets drawn as shapes: browsers paint a list's disc or square as a small filled path,
//! not a glyph. Each is read as a "•" word opening the line it stands beside, as a font's
//! bullet glyph would be, so that lists read the same whatever drew their marks.

use crate::layout::{Graphic, GraphicKind, Line, Word};

/// Opens with a "•" each line that a small filled disc or square stands just left of, on
/// the line's x-height; each shape marks one line at most.
pub(super) fn attach(lines: &mut [Line], graphics: &[Graphic]) {
    // No mark is wider than 0.6 em of 24 pt type; wider shapes are not looked at further.
    for g in graphics.iter().filter(|g| g.kind == GraphicKind::Fill && g.bbox.width() <= 15.0 && g.bbox.height() <= 15.0) {
        let (w, h) = (g.bbox.width(), g.bbox.height());
        let (cx, cy) = ((g.bbox.x0 + g.bbox.x1) / 2.0, (g.bbox.y0 + g.bbox.y1) / 2.0);
        let line = lines.iter_mut().find(|l| {
            let Some(first) = l.words.first() else { return false };
            let em = first.size.max(1.0);
            let shaped = w >= 0.15 * em && w <= 0.6 * em && (w - h).abs() <= 0.3 * w.max(h);
            // On the x-height band: above the baseline, below the cap height.
            let level = cy < l.baseline && cy > l.baseline - 0.75 * em;
            let before = g.bbox.x1 <= first.bbox.x0 + 0.05 * em && first.bbox.x0 - cx <= 2.5 * em;
            shaped && level && before && first.text != "•"
        });
        let Some(l) = line else { continue };
        let first = &l.words[0];
        let bullet = Word { text: "•".into(), bbox: g.bbox, space_before: false, ..first.clone() };
        l.words[0].space_before = true;
        l.words.insert(0, bullet);
        l.bbox = l.bbox.union(&g.bbox);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::Rect;

    fn line(x: f32, baseline: f32, text: &str) -> Line {
        let bbox = Rect { x0: x, y0: baseline - 8.0, x1: x + 100.0, y1: baseline + 2.0 };
        let word = Word { text: text.into(), bbox, size: 10.0, ..Default::default() };
        Line { bbox, baseline, words: vec![word] }
    }

    fn disc(x0: f32, y0: f32, d: f32) -> Graphic {
        Graphic { bbox: Rect { x0, y0, x1: x0 + d, y1: y0 + d }, kind: GraphicKind::Fill }
    }

    #[test]
    fn a_disc_left_of_a_line_opens_it_with_a_bullet() {
        let mut lines = vec![line(90.0, 100.0, "Fund"), line(90.0, 112.0, "Publish")];
        attach(&mut lines, &[disc(78.0, 95.0, 4.0)]);
        let texts: Vec<Vec<&str>> = lines.iter().map(|l| l.words.iter().map(|w| w.text.as_str()).collect()).collect();
        assert_eq!(texts, vec![vec!["•", "Fund"], vec!["Publish"]]);
        assert!(lines[0].words[1].space_before && lines[0].bbox.x0 == 78.0);
    }

    #[test]
    fn large_or_distant_or_stroked_shapes_are_no_bullets() {
        let mut lines = vec![line(90.0, 100.0, "Fund")];
        let stroked = Graphic { kind: GraphicKind::Stroke, ..disc(78.0, 95.0, 4.0) };
        attach(&mut lines, &[disc(70.0, 90.0, 12.0), disc(40.0, 95.0, 4.0), stroked, disc(78.0, 101.0, 4.0)]);
        assert_eq!(lines[0].words.len(), 1);
    }
}
