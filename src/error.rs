//! Errors and warnings.

use std::path::PathBuf;

/// A result whose error is quire's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Why a document could not be converted.
///
/// Each message says what went wrong and, where there is one, what to do about it.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The bytes are not a PDF at all.
    #[error("not a PDF: {reason}")]
    NotPdf {
        /// What was found instead, such as "starts with 'potato salad'".
        reason: String,
    },
    /// The PDF is damaged beyond what quire can recover.
    #[error("malformed PDF: {reason}")]
    Malformed {
        /// What is broken.
        reason: String,
    },
    /// The PDF is encrypted and the password given (or the empty one) does not open it.
    #[error("password required: the PDF is encrypted; give its password with --password")]
    PasswordRequired,
    /// The PDF is syntactically valid but has no pages.
    #[error("document has no pages")]
    NoPages,
    /// No page carries text: a scan without OCR.
    #[error("no text layer: {pages} page(s) hold only images; scanned pages need OCR, which quire does not do")]
    NoTextLayer {
        /// Number of pages in the PDF.
        pages: u32,
    },
    /// The document exceeds a safety limit.
    #[error("too large: {what} exceeds the limit of {limit}")]
    TooLarge {
        /// What was too large.
        what: String,
        /// The limit in force.
        limit: u64,
    },
    /// A writer could not produce its format.
    #[error("could not write {format}: {message}")]
    Emit {
        /// The output format, such as "epub".
        format: &'static str,
        /// What went wrong.
        message: String,
    },
    /// Reading or writing a file failed.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file concerned.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// An error while converting a particular file.
    #[error("{}: {source}", path.display())]
    InFile {
        /// The input file.
        path: PathBuf,
        /// What went wrong with it.
        #[source]
        source: Box<Error>,
    },
}

impl Error {
    /// The error beneath any [`Error::InFile`] wrapping.
    pub fn root(&self) -> &Error {
        match self {
            Error::InFile { source, .. } => source.root(),
            e => e,
        }
    }
}

/// The pipeline stage a warning comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// Reading the PDF.
    Extract,
    /// Building the tree.
    Normalise,
    /// Writing an output.
    Emit,
}

/// Something a person should know about a converted document; conversion went on.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Warning {
    /// The stage that raised it.
    pub stage: Stage,
    /// The page concerned, counting from 1, when there is one.
    pub page: Option<u32>,
    /// What happened, in words a non-programmer understands.
    pub message: String,
}

impl Warning {
    /// A warning from `stage` about the whole document.
    pub fn new(stage: Stage, message: impl Into<String>) -> Warning {
        Warning { stage, page: None, message: message.into() }
    }
}

impl std::fmt::Display for Warning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.page {
            Some(p) => write!(f, "page {p}: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

/// A result together with the warnings raised while making it.
#[derive(Debug, Clone)]
pub struct Warned<T> {
    /// The result.
    pub output: T,
    /// Warnings, in the order they were raised.
    pub warnings: Vec<Warning>,
}
