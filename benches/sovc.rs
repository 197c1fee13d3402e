//! `cargo bench --bench sovc`: sovc at Sovereign scale against the copy floor.
//!
//! For each generated topology size it measures, in one run on one machine:
//! `validate`, `generate` into an empty directory, `generate` over an
//! up-to-date directory, `generate --check` on an up-to-date directory, and
//! the floor — writing the same bytes to the same files from memory, and
//! `cp -r` of the finished tree — then prints the ratios to the floor, the
//! output's size, and the peak heap of a generate (counted by a global
//! allocator wrapper) relative to the output's size.
//!
//! Filling an empty directory (sovc's first generate and the three floors)
//! is timed interleaved, run by run in rotated order, so that every way meets
//! the same file-system state; scratch trees are deleted only between sizes,
//! followed by a pause (`SOVC_BENCH_SETTLE` seconds, default 40) so the next
//! size does not pay for the deletion in ext4's inode allocator.
//!
//! Times are medians of several runs; the report goes to stdout and to
//! `target/bench/report.md`. `SOVC_BENCH_SIZES=3x100x10` limits the sizes;
//! `SOVC_BENCH_TOPOLOGIES=DIR` only writes the generated topologies to DIR
//! (to profile the CLI on them).

#[path = "topology_gen.rs"]
mod topology_gen;

use std::alloc::{GlobalAlloc, Layout, System};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};
use topology_gen::Size;

/// Counts live heap bytes and remembers the high-water mark.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            let now = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(now, Ordering::Relaxed);
        }
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            if new_size >= layout.size() {
                let now = LIVE.fetch_add(new_size - layout.size(), Ordering::Relaxed) + new_size - layout.size();
                PEAK.fetch_max(now, Ordering::Relaxed);
            } else {
                LIVE.fetch_sub(layout.size() - new_size, Ordering::Relaxed);
            }
        }
        p
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

/// Heap bytes in use now, and a fresh high-water mark from here on.
fn reset_peak() -> usize {
    let now = LIVE.load(Ordering::Relaxed);
    PEAK.store(now, Ordering::Relaxed);
    now
}

fn peak_since(base: usize) -> usize {
    PEAK.load(Ordering::Relaxed).saturating_sub(base)
}

/// Median wall time of `runs` calls of `f`; `setup` runs before each call
/// and is not timed.
fn median<S>(runs: usize, mut setup: impl FnMut() -> S, mut f: impl FnMut(S)) -> Duration {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let s = setup();
            let t = Instant::now();
            f(s);
            t.elapsed()
        })
        .collect();
    times.sort();
    times[times.len() / 2]
}

struct Input {
    name: String,
    text: String,
}

impl Input {
    fn load(&self) -> sovc::pipeline::Loaded {
        sovc::pipeline::load_bytes(&self.name, self.text.as_bytes(), sovc::read::InputFormat::Yaml, Path::new("."))
    }

    fn files(&self) -> Vec<sovc::output::OutputFile> {
        let loaded = self.load();
        let topology = loaded.valid().expect("the generator makes valid topologies");
        sovc::pipeline::generate_files(topology, &self.name, Path::new(".")).expect("generate")
    }

    /// `sovc generate` without the CLI: read, validate, render, write.
    fn generate(&self, dir: &Path) {
        let files = self.files();
        let opts = sovc::write::WriteOptions { force: false, source_name: self.name.clone() };
        sovc::write::write_tree(dir, &files, &opts).expect("write");
    }

    /// `sovc generate --check`.
    fn check(&self, dir: &Path) -> bool {
        let files = self.files();
        sovc::write::check_tree(dir, &files).expect("check").is_clean()
    }
}

/// The floor: the same bytes written to the same files from memory.
fn write_floor(dir: &Path, files: &[sovc::output::OutputFile], durable: bool) {
    let mut made = std::collections::BTreeSet::new();
    for f in files {
        let path = dir.join(&f.path);
        let parent = path.parent().unwrap().to_path_buf();
        if made.insert(parent.clone()) {
            std::fs::create_dir_all(&parent).unwrap();
        }
        std::fs::write(&path, f.contents.as_bytes()).unwrap();
    }
    if durable {
        // One syncfs for the whole tree, the same durability sovc's write stage gives.
        let f = std::fs::File::open(dir).unwrap();
        rustix::fs::syncfs(&f).unwrap();
    }
}

fn cp_r(from: &Path, to: &Path) {
    let ok = std::process::Command::new("cp").arg("-r").arg(from).arg(to).status().expect("cp").success();
    assert!(ok, "cp -r failed");
}

fn fresh(root: &Path, n: &mut usize) -> PathBuf {
    *n += 1;
    let p = root.join(format!("run-{n}"));
    let _ = std::fs::remove_dir_all(&p);
    p
}

struct Row {
    label: String,
    files: usize,
    bytes: usize,
    validate: Duration,
    generate_empty: Duration,
    generate_up_to_date: Duration,
    check: Duration,
    floor_write: Duration,
    floor_write_durable: Duration,
    floor_cp: Duration,
    peak: usize,
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1e3)
}

fn ratio(a: Duration, b: Duration) -> String {
    format!("{:.2}×", a.as_secs_f64() / b.as_secs_f64())
}

/// The four ways of filling an empty directory with the output tree, timed
/// against each other.
#[derive(Clone, Copy)]
enum Fill {
    Generate,
    FloorWrite,
    FloorWriteDurable,
    FloorCp,
}

const FILLS: [Fill; 4] = [Fill::Generate, Fill::FloorWrite, Fill::FloorWriteDurable, Fill::FloorCp];

/// Times every [`Fill`] `runs` times, interleaved: run `i` does all four in
/// an order rotated by `i`, each into a fresh directory, and nothing is
/// deleted until every run is done. Each way therefore meets the same file
/// system (free-inode layout, dirty pages, other load on the machine) as the
/// others, instead of one block of runs meeting what the previous block left.
fn measure_fills(
    input: &Input,
    files: &[sovc::output::OutputFile],
    source: &Path,
    runs: usize,
    scratch: &Path,
    n: &mut usize,
) -> [Duration; 4] {
    let mut times: [Vec<Duration>; 4] = Default::default();
    for run in 0..runs {
        for k in 0..FILLS.len() {
            let which = (run + k) % FILLS.len();
            let dir = fresh(scratch, n);
            let t = Instant::now();
            match FILLS[which] {
                Fill::Generate => input.generate(&dir),
                Fill::FloorWrite => write_floor(&dir, files, false),
                Fill::FloorWriteDurable => write_floor(&dir, files, true),
                Fill::FloorCp => cp_r(source, &dir),
            }
            times[which].push(t.elapsed());
        }
    }
    times.map(|mut t| {
        t.sort();
        t[t.len() / 2]
    })
}

/// Deletes the scratch tree, then waits so that the next measurement does
/// not pay for it: ext4 skips inodes freed in the last few tens of seconds
/// when it allocates new ones (`recently_deleted`), which made the first
/// timed writes after a mass deletion several times slower than the rest.
fn clear_scratch(scratch: &Path, settle: Duration) {
    let had_trees = std::fs::read_dir(scratch).is_ok_and(|mut d| d.next().is_some());
    let _ = std::fs::remove_dir_all(scratch);
    std::fs::create_dir_all(scratch).unwrap();
    if had_trees && !settle.is_zero() {
        // Flush the deletion, then let the window pass.
        let f = std::fs::File::open(scratch).unwrap();
        rustix::fs::syncfs(&f).unwrap();
        std::thread::sleep(settle);
    }
}

fn measure(size: Size, runs: usize, scratch: &Path, settle: Duration) -> Row {
    let input = Input { name: "bench.yaml".into(), text: topology_gen::yaml(size) };
    let files = input.files();
    let bytes: usize = files.iter().map(|f| f.contents.len()).sum();
    let mut n = 0;
    clear_scratch(scratch, settle);

    let validate = median(runs, || (), |()| assert!(input.load().valid().is_some()));
    let up_to_date = fresh(scratch, &mut n);
    input.generate(&up_to_date);
    let generate_up_to_date = median(runs, || (), |()| input.generate(&up_to_date));
    let check = median(runs, || (), |()| assert!(input.check(&up_to_date)));
    let [generate_empty, floor_write, floor_write_durable, floor_cp] =
        measure_fills(&input, &files, &up_to_date, runs, scratch, &mut n);

    let dir = fresh(scratch, &mut n);
    let base = reset_peak();
    input.generate(&dir);
    let peak = peak_since(base);

    Row {
        label: size.label(),
        files: files.len(),
        bytes,
        validate,
        generate_empty,
        generate_up_to_date,
        check,
        floor_write,
        floor_write_durable,
        floor_cp,
        peak,
    }
}

fn sizes() -> Vec<(Size, usize)> {
    let all = [
        (Size { regions: 3, secrets: 100, policies: 10 }, 15),
        (Size { regions: 10, secrets: 1_000, policies: 50 }, 7),
        (Size { regions: 30, secrets: 3_000, policies: 100 }, 3),
    ];
    match std::env::var("SOVC_BENCH_SIZES") {
        Ok(only) => all
            .into_iter()
            .filter(|(s, _)| only.split(',').any(|o| o == format!("{}x{}x{}", s.regions, s.secrets, s.policies)))
            .collect(),
        Err(_) => all.to_vec(),
    }
}

fn main() {
    // `cargo bench` passes `--bench`; `cargo test --benches` runs us once
    // with no flag: then only the smallest size, one run, as a smoke test.
    let smoke = !std::env::args().any(|a| a == "--bench");
    let target = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target").join("bench");
    let scratch = target.join("scratch");
    std::fs::create_dir_all(&scratch).unwrap();

    // Seconds to wait after deleting a scratch tree before timing again.
    let settle = if smoke {
        Duration::ZERO
    } else {
        Duration::from_secs(std::env::var("SOVC_BENCH_SETTLE").ok().and_then(|s| s.parse().ok()).unwrap_or(40))
    };
    let sizes = if smoke { vec![(Size { regions: 3, secrets: 100, policies: 10 }, 1)] } else { sizes() };
    // `SOVC_BENCH_TOPOLOGIES=DIR`: only write the generated topologies (for
    // profiling the CLI on them), measure nothing.
    if let Ok(dir) = std::env::var("SOVC_BENCH_TOPOLOGIES") {
        std::fs::create_dir_all(&dir).unwrap();
        for (size, _) in &sizes {
            let path = Path::new(&dir).join(format!("{}x{}x{}.yaml", size.regions, size.secrets, size.policies));
            std::fs::write(&path, topology_gen::yaml(*size)).unwrap();
            eprintln!("wrote {}", path.display());
        }
        return;
    }
    let mut rows = Vec::new();
    for (size, runs) in sizes {
        eprintln!("measuring {} ({runs} runs each)...", size.label());
        rows.push(measure(size, runs, &scratch, settle));
    }
    let mut out = String::new();
    out.push_str("| size | files | output | validate | generate (empty dir) | generate (up to date) | --check | floor: write | floor: write + syncfs | floor: cp -r | peak heap |\n");
    out.push_str("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for r in &rows {
        out.push_str(&format!(
            "| {} | {} | {:.1} MiB | {} | {} | {} | {} | {} | {} | {} | {:.1} MiB |\n",
            r.label,
            r.files,
            r.bytes as f64 / 1048576.0,
            ms(r.validate),
            ms(r.generate_empty),
            ms(r.generate_up_to_date),
            ms(r.check),
            ms(r.floor_write),
            ms(r.floor_write_durable),
            ms(r.floor_cp),
            r.peak as f64 / 1048576.0,
        ));
    }
    out.push_str("\n| size | empty dir / write | empty dir / write + syncfs | empty dir / cp -r | up to date / write | up to date / cp -r | --check / generate (up to date) | peak heap / output |\n");
    out.push_str("|---|---:|---:|---:|---:|---:|---:|---:|\n");
    for r in &rows {
        out.push_str(&format!(
            "| {} | {} | {} | {} | {} | {} | {} | {:.2}× |\n",
            r.label,
            ratio(r.generate_empty, r.floor_write),
            ratio(r.generate_empty, r.floor_write_durable),
            ratio(r.generate_empty, r.floor_cp),
            ratio(r.generate_up_to_date, r.floor_write),
            ratio(r.generate_up_to_date, r.floor_cp),
            ratio(r.check, r.generate_up_to_date),
            r.peak as f64 / r.bytes as f64,
        ));
    }
    println!("{out}");
    if !smoke {
        std::fs::write(target.join("report.md"), &out).unwrap();
        eprintln!("written to {}", target.join("report.md").display());
    }
    eprintln!("removing the scratch trees...");
    let _ = std::fs::remove_dir_all(&scratch);
}
