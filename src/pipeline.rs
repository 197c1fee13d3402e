//! The compiler's stages put together: read a topology file, validate it,
//! and hand back either a valid model or every diagnostic; then lower and
//! render a valid model into the files of the output tree.

use crate::diag::{Diagnostics, SourceFile};
use crate::model::Topology;
use crate::output::OutputFile;
use crate::read::{self, InputFormat};
use crate::validate;
use std::path::Path;

/// A topology that was read (maybe with findings).
pub struct Loaded {
    pub source: SourceFile,
    /// The model; `None` when the file could not be read into one.
    pub topology: Option<Topology>,
    /// Every diagnostic, sorted by position.
    pub diagnostics: Diagnostics,
}

impl Loaded {
    /// The model if there is one and no diagnostic is an error.
    pub fn valid(&self) -> Option<&Topology> {
        if self.diagnostics.has_errors() { None } else { self.topology.as_ref() }
    }
}

/// Reads and validates the topology text `bytes` named `name` (as given on
/// the command line), resolving relative files against `base_dir`.
pub fn load_bytes(name: &str, bytes: &[u8], format: InputFormat, base_dir: &Path) -> Loaded {
    let mut diagnostics = Diagnostics::new();
    let Some(source) = read::source_from_bytes(name, bytes, &mut diagnostics) else {
        return Loaded { source: SourceFile::new(name, String::from_utf8_lossy(bytes)), topology: None, diagnostics };
    };
    let read = read::read(&source, format, &mut diagnostics);
    let topology = read.map(|r| {
        let cx = validate::Context { base_dir: base_dir.to_path_buf(), dropped: &r.dropped };
        diagnostics.extend(validate::validate(&r.topology, &cx));
        r.topology
    });
    if format == InputFormat::Kdl {
        read::kdl::respell::diagnostics(&mut diagnostics);
    }
    diagnostics.sort();
    let diagnostics = crate::diag::redact::spread(&source, diagnostics);
    Loaded { source, topology, diagnostics }
}

/// Reads the topology file at `path`.
pub fn load_file(path: &Path, format: Option<InputFormat>) -> std::io::Result<Loaded> {
    let bytes = read_limited(path)?;
    let base = path.parent().map(Path::to_path_buf).unwrap_or_default();
    let format = format.unwrap_or_else(|| InputFormat::from_path(path));
    Ok(load_bytes(&path.display().to_string(), &bytes, format, &base))
}

/// Reads at most one byte past the size limit, so a huge file is rejected
/// without being loaded whole.
fn read_limited(path: &Path) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let mut bytes = Vec::new();
    std::fs::File::open(path)?.take(read::limits::MAX_FILE_BYTES as u64 + 1).read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// Why a valid topology could not be turned into files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GenerateError {
    /// The model cannot be lowered (a topology validation lets through).
    Lower(crate::lower::LowerError),
    /// A value cannot be written safely, or a template failed.
    Render(crate::render::RenderError),
    /// The OpenBao configuration cannot be built (a `caFile` that cannot be
    /// read, names that collide inside one OpenBao, ...).
    Configure(crate::configure::ConfigureError),
}

impl std::fmt::Display for GenerateError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            GenerateError::Lower(e) => write!(f, "cannot generate: {e}"),
            GenerateError::Render(e) => write!(f, "cannot render {e}"),
            GenerateError::Configure(e) => write!(f, "cannot configure OpenBao: {e}"),
        }
    }
}

impl std::error::Error for GenerateError {}

/// Lowers and renders a valid topology: every file of the output tree,
/// sorted by path. `source_name` names the topology in each file's header;
/// `base_dir` is the topology file's folder (for files it refers to).
pub fn generate_files(
    topology: &Topology,
    source_name: &str,
    base_dir: &Path,
) -> Result<Vec<OutputFile>, GenerateError> {
    // Two independent halves, one per core: the Kubernetes and policy files
    // (lower, render, configuration delivery) and the per-region access
    // matrices for review. Each half is deterministic on its own and the
    // files are sorted below, so the result does not depend on scheduling.
    let (rendered, matrices) = std::thread::scope(|s| {
        let matrices = s.spawn(|| access_matrix_files(topology, source_name));
        let rendered = render_and_configure(topology, source_name, base_dir);
        // A panic in the spawned half is re-raised here, as if it ran inline.
        (rendered, matrices.join().unwrap_or_else(|p| std::panic::resume_unwind(p)))
    });
    let mut files = rendered?;
    files.extend(matrices);
    files.sort_by(|a, b| a.path.cmp(&b.path));
    if let Some(w) = files.windows(2).find(|w| w[0].path == w[1].path) {
        return Err(GenerateError::Render(crate::render::RenderError {
            path: w[0].path.clone(),
            message: "two artifacts map to the same file".into(),
        }));
    }
    Ok(files)
}

/// The Kubernetes objects, Helm values and policies (`lower` + `render`),
/// then configuration delivery: `<code>/openbao-config/` and, for
/// auto-unseal regions, the self-initialisation ConfigMap in `<code>/openbao/`.
fn render_and_configure(
    topology: &Topology,
    source_name: &str,
    base_dir: &Path,
) -> Result<Vec<OutputFile>, GenerateError> {
    let plan = crate::lower::lower(topology).map_err(GenerateError::Lower)?;
    let mut files = crate::render::render(&plan, source_name).map_err(GenerateError::Render)?;
    files.extend(
        crate::configure::openbao_config_and_self_init_files(topology, source_name, base_dir)
            .map_err(GenerateError::Configure)?,
    );
    Ok(files)
}

/// Per region, the access matrix for review (not a Kubernetes object: no
/// kustomization lists it).
fn access_matrix_files(topology: &Topology, source_name: &str) -> Vec<OutputFile> {
    let header = crate::output::header(source_name);
    topology
        .regions
        .iter()
        .map(|region| {
            let code = region.location_code.as_str();
            OutputFile {
                path: format!("{code}/{}", crate::naming::ACCESS_MATRIX_FILE),
                contents: format!("{header}{}", crate::access::access_matrix(topology, code)),
            }
        })
        .collect()
}
