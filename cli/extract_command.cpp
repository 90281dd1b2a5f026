#include "extract_command.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <unistd.h>

#include <boost/program_options.hpp>
#include <fmt/format.h>

#include "command.hpp"
#include "io.hpp"
#include "progress.hpp"
#include "validate_command.hpp"
#include "newskg/corpus.hpp"
#include "newskg/explain_writer.hpp"
#include "newskg/extractor.hpp"
#include "newskg/graph_writer.hpp"
#include "newskg/ordered_pipeline.hpp"
#include "newskg/resources.hpp"

namespace newskg::cli {

namespace po = boost::program_options;
namespace fs = std::filesystem;

namespace {

constexpr int kExitOk = 0;
constexpr int kExitInput = 1;

// Documents read but not yet written, per extraction thread. Since threads read and write for
// themselves (corpus::run_ordered), a larger window buys no speed on a quiet machine (4, 8 and 16
// took the same time at -j2 on 100 MB) but costs memory that grows with the corpus: the rendered
// documents waiting (hundreds of kilobytes each) fill the window only when a long document holds
// one thread back, which a longer corpus does more often (peak RSS at -j2 on 10 and 100 MB: 16 to
// 20 and 25 MB at 16; 16 to 18 and 18 MB at 4, reached within the first quarter second).
constexpr std::size_t kWindowPerThread = 4;

// Texts up to this size are rendered on the extraction threads; a longer one (rare in news)
// is written by the writer itself, so that no rendered copy of it (about 50 bytes per byte of
// text) waits in the window: at most 16 such copies of 3 MB on two threads.
constexpr std::size_t kMaxRenderedText = 64 * 1024;

// A document read, extracted and (for N-Triples and N-Quads) rendered: what the writer needs.
struct Extracted {
  corpus::Item item;  // its text moved into `graph`
  std::optional<model::DocumentGraph> graph;
  std::optional<exporters::RenderedDocument> rendered;
  std::vector<std::string_view> fact_kinds;
  std::size_t text_bytes = 0;
};

// The buffers of rendered documents, given back once written and taken again by the extraction
// threads, so that a document's hundreds of kilobytes of N-Quads are not allocated (and their
// pages faulted in and zeroed) afresh each time. It keeps as many as the window holds
// documents, for the writer gives back a burst of them when a slow document is done; but not
// those grown past kMaxPooledBytes, so that memory stays bounded by the window however long
// the corpus, not by the longest document seen.
class RenderedPool {
 public:
  // Room for the N-Quads of a text of about 10 KB, four times a typical news article.
  static constexpr std::size_t kMaxPooledBytes = 512 * 1024;
  explicit RenderedPool(std::size_t keep) : keep_(keep) {}
  exporters::RenderedDocument take() {
    std::lock_guard lock(mutex_);
    if (free_.empty()) return {};
    exporters::RenderedDocument buffers = std::move(free_.back());
    free_.pop_back();
    return buffers;
  }
  void give(exporters::RenderedDocument&& buffers) {
    std::size_t bytes = buffers.statements.memory.capacity();
    for (const exporters::RenderedDocument::Actor& actor : buffers.actors) bytes += actor.statements.memory.capacity();
    if (bytes > kMaxPooledBytes) return;
    std::lock_guard lock(mutex_);
    if (free_.size() < keep_) free_.push_back(std::move(buffers));
  }

 private:
  std::size_t keep_;
  std::mutex mutex_;
  std::vector<exporters::RenderedDocument> free_;
};

// The ids of the actors written so far to the output being written, which the extraction
// threads need not render again: its writer would drop them, and most documents name actors
// written long before. Documents are written in order, so the set starts again with the
// first document written to another output (--out-dir), and a document rendered for an
// output not yet written to finds none there.
class WrittenActors {
 public:
  // The ids among `actors` already written to `output`: asked once per document, under one
  // lock, because a lock per actor made the extraction threads and the writer contend.
  template <class Actors>
  std::vector<std::string_view> written_among(const std::string& output, const Actors& actors) const {
    std::vector<std::string_view> written;
    std::lock_guard lock(mutex_);
    if (output != output_) return written;
    for (const auto& actor : actors)
      if (ids_.find(actor.id) != ids_.end()) written.push_back(actor.id);
    return written;
  }
  // Those of a document just written to `output` (its actors, or its rendered actors).
  template <class Actors>
  void add(const std::string& output, const Actors& actors) {
    std::lock_guard lock(mutex_);
    if (output != output_) {
      output_ = output;
      ids_.clear();
    }
    for (const auto& actor : actors) ids_.emplace(actor.id);
  }

 private:
  mutable std::mutex mutex_;
  std::string output_;
  std::set<std::string, std::less<>> ids_;
};

// --fail-fast met an unusable input.
struct FailFast {};

std::string extension_of(const std::string& format) {
  if (format == "turtle") return ".ttl";
  if (format == "ntriples") return ".nt";
  if (format == "nquads") return ".nq";
  if (format == "trig") return ".trig";
  return "." + format;  // dot, tsv
}

// The output name for an input's relative name: its extensions (.txt, .jsonl.gz) replaced.
fs::path output_name(const std::string& relative, const std::string& extension) {
  fs::path name(relative);
  if (name.extension() == ".gz") name.replace_extension();
  name.replace_extension(extension);
  return name;
}

// Where the graphs go: one output (standard output or -o), or a file per input (or per shard)
// in --out-dir. Each file is written whole or not at all.
class Sink {
 public:
  Sink(std::string format, exporters::RdfOptions rdf, bool validate, fs::path data_dir)
      : format_(std::move(format)), rdf_(std::move(rdf)), validate_(validate), data_dir_(std::move(data_dir)) {}

  void open(const std::string& path) {
    output_ = std::make_unique<Output>(path);
    checked_ = std::make_unique<ValidatedOutput>(validate_, output_->file());
    writer_ = exporters::make_graph_writer(format_, checked_->file(), rdf_);
    path_ = path;
    to_stdout_ = path == "-";
  }
  bool is_open() const { return writer_ != nullptr; }
  const std::string& path() const { return path_; }
  exporters::GraphWriter& writer() { return *writer_; }

  void write(const Extracted& done) {
    if (done.rendered) writer_->write_rendered(*done.rendered);
    else writer_->write(*done.graph);
    // A filter's reader downstream gets each document as soon as it is done.
    if (to_stdout_ && !validate_) std::fflush(stdout);
  }

  // Ends the current output; false when validation refused it (the reasons are on stderr).
  bool close() {
    if (!writer_) return true;
    statements_ += writer_->statements();
    const bool written = writer_->finish();
    writer_.reset();
    if (!written) throw InputError(fmt::format("{}: cannot write the output", path_));
    const bool conforms = checked_->finish(rdf_.format, data_dir_);
    checked_.reset();
    if (conforms) output_->commit();
    output_.reset();
    return conforms;
  }
  std::size_t statements() const { return statements_ + (writer_ ? writer_->statements() : 0); }

 private:
  std::string format_;
  exporters::RdfOptions rdf_;
  bool validate_;
  fs::path data_dir_;
  std::unique_ptr<Output> output_;
  std::unique_ptr<ValidatedOutput> checked_;
  std::unique_ptr<exporters::GraphWriter> writer_;
  std::string path_;
  bool to_stdout_ = false;
  std::size_t statements_ = 0;
};

unsigned parse_jobs(const std::string& value) {
  if (value.empty() || value.size() > 4 || value.find_first_not_of("0123456789") != std::string::npos || std::stoul(value) == 0)
    throw UsageError(fmt::format("option '--jobs': '{}' is not a number of threads (1 or more)", value));
  return static_cast<unsigned>(std::stoul(value));
}

}  // namespace

int run_extract(const std::vector<std::string>& args) {
  po::options_description opts(
      "Usage: newskg extract [INPUT...] [options]\n\n"
      "Reads articles and writes their facts as RDF. INPUT: a UTF-8 article file, a folder (walked\n"
      "recursively, in sorted order: *.txt *.text *.md *.jsonl *.ndjson, maybe .gz), a JSON Lines\n"
      "corpus (*.jsonl, *.ndjson, or --jsonl; docs/corpus-format.md), or - for standard input (the\n"
      "default). Gzip-compressed inputs (.gz) are read as they are.\n\nOptions");
  // clang-format off
  opts.add_options()
      ("help,h", "show this help")
      ("output,o", po::value<std::string>()->value_name("OUT"), "write to OUT instead of standard output")
      ("out-dir", po::value<std::string>()->value_name("DIR"), "write one file per input file (with --shard: one file for the shard) into DIR")
      ("format,f", po::value<std::string>()->default_value("turtle")->value_name("FMT"), "turtle, ntriples, nquads, trig, dot (the drawing) or tsv (the event table)")
      ("jsonl", "read every input as JSON Lines, one article a line, whatever its name")
      ("jobs,j", po::value<std::string>()->value_name("N"), "extract on N threads (default: the number of cores); the output is the same for every N")
      ("shard", po::value<std::string>()->value_name("K/N"), "keep only the documents whose id hashes to shard K of N (0 <= K < N): N runs cover a corpus once")
      ("progress", "show the progress line on stderr even when it is not a terminal")
      ("quiet,q", "no progress line and no summary (errors and warnings are still shown)")
      ("base", po::value<std::string>()->value_name("IRI"), "base IRI of actors, documents and facts")
      ("published", po::value<std::string>()->value_name("YYYY-MM-DD"), "publication date; relative dates are resolved against it (JSON Lines: where a line has none)")
      ("url", po::value<std::string>()->value_name("URL"), "the article's URL (dcterms:source)")
      ("title", po::value<std::string>()->value_name("TEXT"), "the article's title (dcterms:title)")
      ("id", po::value<std::string>()->value_name("ID"), "document id (default: a hash of the text)")
      ("no-text", "do not copy the article text into the graph (nif:isString)")
      ("strict", "refuse articles with invalid UTF-8 or NUL bytes instead of replacing those by U+FFFD")
      ("fail-fast", "stop at the first input that cannot be used, and write no output file")
      ("max-doc-bytes", po::value<std::string>()->value_name("N"), "refuse articles of more than N bytes (default 10000000; 0: no limit)")
      ("validate", "check the graph against the SHACL shapes (shapes.ttl) before writing it; exit 1 and write nothing if it does not conform")
      ("explain", po::value<std::string>()->implicit_value("-")->value_name("FILE"),
       "explain every fact (sentence, trigger, lexicon line, roles, status) on stderr, or --explain=FILE");
  // clang-format on
  add_data_options(opts);
  const auto parsed = parse_command(args, opts);
  if (!parsed) return kExitOk;
  const po::variables_map& vm = *parsed;
  auto option = [&](const char* name) { return vm.count(name) ? vm[name].as<std::string>() : std::string(); };

  exporters::RdfOptions rdf;
  const std::string format_name = option("format");
  if (!exporters::is_output_format(format_name))
    throw UsageError(fmt::format("option '--format': unknown format '{}' (turtle, ntriples, nquads, trig, dot, tsv)", format_name));
  const auto rdf_format = exporters::parse_rdf_format(format_name);
  if (rdf_format) rdf.format = *rdf_format;
  else if (vm.count("validate")) throw UsageError(fmt::format("option '--validate': '{}' is not an RDF format", format_name));
  if (vm.count("base")) {
    rdf.base = option("base");
    if (!exporters::is_absolute_iri(rdf.base)) throw UsageError(fmt::format("option '--base': '{}' is not an absolute IRI (it needs a scheme, as in https://...)", rdf.base));
    if (rdf.base.back() != '/' && rdf.base.back() != '#') rdf.base += '/';
    rdf.base = exporters::iri_escape(rdf.base);
  }
  rdf.include_text = !vm.count("no-text");

  corpus::ReadOptions reading;
  reading.jsonl = vm.count("jsonl") > 0;
  reading.strict = vm.count("strict") > 0;
  if (vm.count("published")) {
    reading.defaults.published = model::parse_date(option("published"));
    if (!reading.defaults.published) throw UsageError(fmt::format("option '--published': '{}' is not a date (YYYY-MM-DD)", option("published")));
  }
  const std::vector<std::string> inputs = vm.count("input") ? vm["input"].as<std::vector<std::string>>() : std::vector<std::string>{"-"};
  if (vm.count("id") && inputs.size() > 1) throw UsageError("option '--id': only one input can take a given id");
  if (vm.count("url") && !exporters::is_absolute_iri(option("url")))
    throw UsageError(fmt::format("option '--url': '{}' is not an absolute URL (it needs a scheme, as in https://...)", option("url")));
  reading.defaults.id = option("id");
  reading.defaults.title = option("title");
  reading.defaults.url = option("url");
  if (vm.count("max-doc-bytes")) {
    const std::string n = option("max-doc-bytes");
    if (n.empty() || n.size() > 18 || n.find_first_not_of("0123456789") != std::string::npos)
      throw UsageError(fmt::format("option '--max-doc-bytes': '{}' is not a number of bytes", n));
    reading.max_doc_bytes = std::stoull(n);
  }
  if (vm.count("shard")) {
    const auto shard = corpus::parse_shard(option("shard"));
    if (!shard) throw UsageError(fmt::format("option '--shard': '{}' is not K/N with 0 <= K < N (as in 0/4)", option("shard")));
    std::tie(reading.shard_index, reading.shard_count) = *shard;
  }
  const unsigned threads = vm.count("jobs") ? parse_jobs(option("jobs")) : std::max(1u, std::thread::hardware_concurrency());
  if (vm.count("output") && vm.count("out-dir")) throw UsageError("options '--output' and '--out-dir': give one of them");
  const std::string out_dir = option("out-dir");
  if (vm.count("out-dir")) {
    std::error_code ec;
    if (out_dir.empty() || (fs::exists(out_dir, ec) && !fs::is_directory(out_dir, ec)))
      throw UsageError(fmt::format("option '--out-dir': '{}' is not a folder", out_dir));
  }
  if (vm.count("output"))
    for (const std::string& path : inputs) {
      std::error_code ec;
      if (path != "-" && fs::equivalent(path, option("output"), ec))
        throw UsageError(fmt::format("option '--output': '{}' is also an input; write the graph to another file", path));
    }
  if (vm.count("explain") && option("explain") != "-") {
    // "--explain article.txt" reads the article's name as the file to write explanations to:
    // never overwrite what may be the article, nor an input.
    const std::string target = option("explain");
    std::error_code ec;
    if (!vm.count("input") && fs::exists(target, ec))
      throw UsageError(fmt::format("option '--explain': '{}' would be overwritten with explanations, and no article is given; "
                                   "write --explain=- {} to explain that article, or --explain=FILE for a new file",
                                   target, target));
    for (const std::string& path : inputs)
      if (path != "-" && fs::equivalent(path, target, ec))
        throw UsageError(fmt::format("option '--explain': '{}' is also an input; write the explanations to another file", path));
  }
  const bool fail_fast = vm.count("fail-fast") > 0, quiet = vm.count("quiet") > 0;

  Resources resources;
  try {
    resources = load_resources(vm);
  } catch (const LoadError& e) {
    throw InputError(e.what());
  }
  const Extractor extractor(resources);
  std::FILE* explain = nullptr;
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> explain_file(nullptr, &std::fclose);
  if (vm.count("explain")) {
    const std::string target = option("explain");
    if (target == "-") {
      explain = stderr;
    } else {
      explain_file.reset(std::fopen(target.c_str(), "w"));
      if (!explain_file) throw InputError(fmt::format("{}: cannot write the explanations here ({})", target, std::strerror(errno)));
      explain = explain_file.get();
    }
  }

  corpus::Reader reader(inputs, reading);
  const std::vector<corpus::Source>& sources = reader.sources();
  // One output file per input file, or one for the shard: their names, checked for clashes.
  std::vector<std::string> outputs(sources.size(), vm.count("output") ? option("output") : "-");
  if (vm.count("out-dir")) {
    std::set<std::string> taken;
    const std::string extension = extension_of(format_name);
    const fs::path shard_file = fmt::format("part-{}-of-{}{}", reading.shard_index, reading.shard_count, extension);
    for (std::size_t i = 0; i < sources.size(); ++i) {
      outputs[i] = (fs::path(out_dir) / (vm.count("shard") ? shard_file : output_name(sources[i].relative, extension))).string();
      if (!vm.count("shard") && !taken.insert(outputs[i]).second)
        throw UsageError(fmt::format("option '--out-dir': two inputs would both be written to '{}'; give them in separate runs", outputs[i]));
    }
  }
  const fs::path data_dir = vm.count("data") ? fs::path(option("data")) : Resources::default_data_dir();
  Sink sink(format_name, rdf, vm.count("validate") > 0, data_dir);
  // The RDF renderer that extraction threads share (render() is const): N-Triples and N-Quads.
  // On one thread the writer writes straight to the output instead, without holding the
  // rendered document (of about 50 bytes per byte of text) in memory.
  std::optional<exporters::RdfWriter> renderer;
  if (rdf_format && exporters::renders_apart(*rdf_format) && threads > 1) renderer.emplace(nullptr, rdf);
  const std::size_t window = threads * kWindowPerThread;
  RenderedPool rendered_pool(window);
  WrittenActors written_actors;

  Progress progress((::isatty(STDERR_FILENO) || vm.count("progress")) && !quiet, !quiet, reader.total_bytes());
  bool refused = false;  // by --validate
  auto open_output = [&](const std::string& path) {
    if (sink.is_open() && sink.path() == path) return;
    if (sink.is_open()) refused |= !sink.close();
    if (!out_dir.empty()) fs::create_directories(fs::path(path).parent_path());
    sink.open(path);
  };
  // Standard output and -o are opened before the first document, so that a run with no usable
  // input still writes a valid (empty) graph.
  if (out_dir.empty()) open_output(vm.count("output") ? option("output") : "-");
  else if (vm.count("shard") && !outputs.empty()) open_output(outputs.front());

  auto read = [&](corpus::Item& item) { return reader.next(item); };
  auto work = [&](corpus::Item&& item) {
    Extracted done;
    if (item.document) {
      done.text_bytes = item.document->text.size();
      model::DocumentGraph graph = extractor.extract(std::move(*item.document), explain != nullptr);
      item.document.reset();
      for (const model::Fact& fact : graph.facts) done.fact_kinds.push_back(model::name(fact.kind));
      if (renderer && done.text_bytes <= kMaxRenderedText) {
        const std::vector<std::string_view> written = written_actors.written_among(outputs[item.source], graph.actors);
        renderer->render(graph, done.rendered.emplace(rendered_pool.take()),
                         [&](std::string_view id) { return std::find(written.begin(), written.end(), id) != written.end(); });
      }
      if (!done.rendered || explain) done.graph = std::move(graph);
    }
    done.item = std::move(item);
    return done;
  };
  auto write = [&](Extracted&& done) {
    for (const std::string& warning : done.item.warnings) {
      progress.message(warning);
      progress.warning();
    }
    if (!done.rendered && !done.graph) {
      progress.message(done.item.error);
      progress.skipped(done.item.input_bytes);
      if (fail_fast) throw FailFast{};
      return;
    }
    if (!out_dir.empty()) open_output(outputs[done.item.source]);
    sink.write(done);
    if (renderer) {
      const std::string& output = outputs[done.item.source];
      if (done.rendered) written_actors.add(output, done.rendered->actors);
      else written_actors.add(output, done.graph->actors);
    }
    for (std::string_view kind : done.fact_kinds) progress.fact(kind);
    progress.document(done.item.input_bytes, done.text_bytes);
    if (explain && done.graph) exporters::write_fact_explanations(explain, *done.graph, exporters::Iris{rdf.base});
    if (done.rendered) rendered_pool.give(std::move(*done.rendered));
  };
  try {
    corpus::run_ordered<corpus::Item, Extracted>(threads, window, read, work, write);
  } catch (const FailFast&) {
    if (vm.count("output")) progress.message(fmt::format("{}: not written (--fail-fast)", option("output")));
    return kExitInput;
  }
  refused |= !sink.close();
  progress.finish(sink.statements(), rdf_format.has_value());
  return refused || progress.skipped_count() > 0 ? kExitInput : kExitOk;
}

}  // namespace newskg::cli
