//! Reading: topology text → spanned [`tree::Node`] tree (per format) → the
//! typed [`Topology`](crate::model::Topology) model (one decoder).

pub mod decode;
pub mod kdl;
pub mod limits;
pub mod tree;
pub mod yaml;

use crate::diag::{Diagnostic, Diagnostics, SourceFile, codes};
use crate::model::Topology;

/// The input formats sovc reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum InputFormat {
    Yaml,
    Kdl,
}

impl InputFormat {
    /// The format a file name implies: `.kdl` is KDL, anything else
    /// (`.yaml`, `.yml`, no extension) YAML.
    pub fn from_path(path: &std::path::Path) -> InputFormat {
        match path.extension().and_then(|e| e.to_str()) {
            Some(ext) if ext.eq_ignore_ascii_case("kdl") => InputFormat::Kdl,
            _ => InputFormat::Yaml,
        }
    }
}

/// Turns raw bytes into a [`SourceFile`]: rejects oversized and non-UTF-8
/// input, drops a leading byte-order mark.
pub fn source_from_bytes(name: &str, bytes: &[u8], diags: &mut Diagnostics) -> Option<SourceFile> {
    if bytes.len() > limits::MAX_FILE_BYTES {
        let src = SourceFile::new(name, "");
        diags.push(
            Diagnostic::error(
                codes::LIMIT_EXCEEDED,
                src.start(),
                format!("the file is larger than the {} MiB limit for topology files", limits::MAX_FILE_BYTES >> 20),
            )
            .hint("is this the right file?"),
        );
        return None;
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Some(SourceFile::new(name, text.strip_prefix('\u{feff}').unwrap_or(text))),
        Err(e) => {
            let valid = &bytes[..e.valid_up_to()];
            let text = String::from_utf8_lossy(bytes).into_owned();
            let src = SourceFile::new(name, text);
            let span = src.span_of_bytes(valid.len(), 1);
            diags.push(
                Diagnostic::error(codes::NOT_UTF8, span, "the file is not valid UTF-8")
                    .label("invalid byte sequence here")
                    .hint("save the file as UTF-8"),
            );
            None
        }
    }
}

/// What reading produced: the model, and the names of items that could not
/// be decoded (so validation does not report references to them as unknown).
pub struct Read {
    pub topology: Topology,
    pub dropped: Vec<String>,
}

/// Parses and decodes a topology. `None` when it cannot be read into the
/// model at all (diagnostics say why). Items with shape errors are left out
/// of the model and reported, so the rest can still be validated.
pub fn read(src: &SourceFile, format: InputFormat, diags: &mut Diagnostics) -> Option<Read> {
    let root = match format {
        InputFormat::Yaml => yaml::parse(src, diags)?,
        InputFormat::Kdl => self::kdl::parse(src, diags)?,
    };
    let mut decoder = Decoder { diags, dropped: Vec::new() };
    let topology = decoder.topology(&root)?;
    Some(Read { topology, dropped: decoder.dropped })
}

pub use decode::Decoder;
