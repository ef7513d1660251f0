//! The archive index: one static HTML page listing every converted document.
