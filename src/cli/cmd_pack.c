/* jianbao pack DIR_OR_FILES... -o OUTDIR: the briefing pack, one page per
 * county, facts.json and briefing.json. A failing document or county does
 * not stop the others; the exit status reports it. */
#include <cJSON.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/file.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli.h"
#include "jianbao/compose.h"
#include "jianbao/digest.h"
#include "jianbao/extract.h"
#include "jianbao/ingest.h"
#include "jianbao/page.h"
#include "jianbao/render.h"

static const char usage[] =
    "usage: jianbao pack DIR_OR_FILES... -o OUTDIR [options]\n"
    "  -o, --output DIR     output folder (created if needed)\n"
    "  --layout NAME|FILE   template of the pack (default brief)\n"
    "  --by county|prefecture|none   one-pagers per county (default, in counties/), per\n"
    "                       prefecture (in prefectures/) or none\n"
    "  --jobs N             build one-pagers in N processes (output identical for any N)\n"
    "  --shard K/N          build only the K-th of N shares of the one-pagers (1 <= K <= N)\n"
    "  --ascii-names        one-pager files named county-NN.pdf instead of the Chinese name\n"
    "  --only COUNTY        build just this county's one-pager (and facts.json)\n"
    "  --data FILE          a table (.csv or .xlsx, first row headers) whose numbers become\n"
    "                       facts, series and charts like a report's tables (repeatable)\n"
    JB_CLI_INGEST_HELP
    JB_CLI_DOC_DATE_HELP
    "  -q, --quiet          no progress or warnings on standard error\n"
    "%s"
    "The output folder is locked while pack runs (shards share it; any other pack into\n"
    "it fails). Files inside it are written without following symbolic links.\n"
    "Folders give their .txt, .docx, .html, .htm and .xlsx files (and .doc/.wps, refused\n"
    "with a message) in name order.\n"
    "Writes OUTDIR/briefing-pack.pdf, OUTDIR/counties/<county>.pdf, OUTDIR/facts.json and\n"
    "OUTDIR/briefing.json (edit it and rebuild with: jianbao build OUTDIR/briefing.json).\n";

typedef struct pack_args {
  const char **inputs, **data;
  size_t n_inputs, n_data;
  jb_ingest_opts io;
  const char *outdir, *layout, *by, *only;
  int jobs, shard_k, shard_n, ascii, quiet;
  jb_issue_opts issue; /* 版头 and 版记 of the pack */
  double synth_bold;
} pack_args;

typedef struct pack_state {
  jb_ctx *ctx;
  const pack_args *a;
  jb_fonts *fonts;
  jb_doc **docs;
  char **paths;
  size_t n_docs;
  jb_facts *facts;
  char *facts_json;
  jb_factlist *factlist;
  char **titles, **teams, **dates; /* per document, from a manifest.json beside it (or NULL) */
  jb_digest_cache *cache;
  size_t pages, files, failures;
  size_t first_data; /* paths from here on came with --data */
  int tty;
  int child_exit; /* in a --jobs worker: its exit status once its share is built; -1 in the parent */
  pid_t parent;   /* in a worker: the pack process, which it must not outlive */
  int outfd, subfd; /* the output folder (locked) and its counties/ or prefectures/, or -1 */
  long long date; /* SOURCE_DATE_EPOCH, or -1 */
} pack_state;

/* "K/N", both whole, nothing after N ("1/2x" and "1/2/3" are refused). */
static int parse_shard(const char *v, pack_args *a) {
  const char *slash = strchr(v, '/');
  if (!slash || slash == v || slash - v > 12) return 0;
  char k[16];
  memcpy(k, v, (size_t)(slash - v));
  k[slash - v] = 0;
  long kk, nn;
  if (!jb_cli_whole(k, 1, 100000, &kk) || !jb_cli_whole(slash + 1, 1, 100000, &nn) || kk > nn) return 0;
  if (strspn(k, "0123456789") != strlen(k) || strspn(slash + 1, "0123456789") != strlen(slash + 1)) return 0;
  a->shard_k = (int)kk, a->shard_n = (int)nn;
  return 1;
}

static int parse_args(int argc, char **argv, pack_args *a) {
  memset(a, 0, sizeof *a);
  a->jobs = 1, a->by = "county";
  a->inputs = calloc((size_t)argc + 1, sizeof(char *));
  a->data = calloc((size_t)argc + 1, sizeof(char *));
  a->io = JB_INGEST_DEFAULTS;
  for (int i = 1; i < argc; i++) {
    const char *v;
    int r = jb_cli_ingest_opt(argc, argv, &i, &a->io, "pack");
    if (r) {
      if (r == 2) return 2;
      continue;
    }
    if ((v = jb_cli_opt(argc, argv, &i, "--data"))) {
      a->data[a->n_data++] = v;
      continue;
    }
    if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) return printf(usage, jb_cli_issue_usage), -1;
    int io = jb_cli_issue_opt(argc, argv, &i, &a->issue, &a->synth_bold);
    if (io) {
      if (io < 0) return 2;
      continue;
    }
    if ((v = jb_cli_opt(argc, argv, &i, "-o")) || (v = jb_cli_opt(argc, argv, &i, "--output"))) a->outdir = v;
    else if ((v = jb_cli_opt(argc, argv, &i, "--layout"))) a->layout = v;
    else if ((v = jb_cli_opt(argc, argv, &i, "--by"))) a->by = v;
    else if ((v = jb_cli_opt(argc, argv, &i, "--only"))) a->only = v;
    else if ((v = jb_cli_opt(argc, argv, &i, "--jobs"))) {
      long n;
      a->jobs = jb_cli_whole(v, 1, 64, &n) ? (int)n : -1; /* refused below */
    }
    else if ((v = jb_cli_opt(argc, argv, &i, "--shard"))) {
      if (!parse_shard(v, a))
        return fprintf(stderr, "jianbao pack: --shard expects K/N with whole numbers 1 <= K <= N <= 100000, got '%s'\n", v), 2;
    } else if (!strcmp(argv[i], "--ascii-names")) a->ascii = 1;
    else if (!strcmp(argv[i], "--quiet") || !strcmp(argv[i], "-q")) a->quiet = 1;
    else if (argv[i][0] == '-' && argv[i][1]) {
      fprintf(stderr, "jianbao pack: unknown option '%s'\n", argv[i]);
      return fprintf(stderr, usage, jb_cli_issue_usage), 2;
    }
    else a->inputs[a->n_inputs++] = argv[i];
  }
  if (!a->n_inputs || !a->outdir) return fprintf(stderr, usage, jb_cli_issue_usage), 2;
  if (a->jobs < 1 || a->jobs > 64) return fprintf(stderr, "jianbao pack: --jobs must be a whole number from 1 to 64\n"), 2;
  if (strcmp(a->by, "county") && strcmp(a->by, "prefecture") && strcmp(a->by, "none"))
    return fprintf(stderr, "jianbao pack: --by expects county, prefecture or none, got '%s'\n", a->by), 2;
  return 0;
}

static void progress(pack_state *ps, const char *fmt, const char *what) {
  if (ps->a->quiet) return;
  fprintf(stderr, "jianbao pack: ");
  fprintf(stderr, fmt, what);
  fputc('\n', stderr);
}

/* ---- inputs ---------------------------------------------------------------- */

static int by_name(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static void add_path(pack_state *ps, const char *p, size_t *cap) {
  ps->paths = jb_grow(ps->ctx, ps->paths, cap, ps->n_docs + 1, sizeof(char *));
  ps->paths[ps->n_docs++] = jb_strdup(ps->ctx, p);
}

/* The documents a folder contributes: text, Word, web pages, workbooks, and
 * old binary Word/WPS files (so their refusal says to save them as .docx). */
static int document_name(const char *name) {
  static const char *const ext[] = {".txt", ".docx", ".html", ".htm", ".xlsx", ".doc", ".wps"};
  size_t n = strlen(name);
  if (name[0] == '.') return 0;
  for (size_t i = 0; i < sizeof ext / sizeof ext[0]; i++) {
    size_t k = strlen(ext[i]);
    if (n > k && !strcasecmp(name + n - k, ext[i])) return 1;
  }
  return 0;
}

/* Folders contribute their documents in name order; files are taken as given. */
static int collect_inputs(pack_state *ps) {
  size_t cap = 0;
  for (size_t i = 0; i < ps->a->n_inputs; i++) {
    const char *in = ps->a->inputs[i];
    struct stat st;
    if (stat(in, &st) != 0) {
      fprintf(stderr, "jianbao: %s: error: cannot open: %s\n", in, strerror(errno));
      ps->failures++;
      continue;
    }
    if (!S_ISDIR(st.st_mode)) {
      add_path(ps, in, &cap);
      continue;
    }
    DIR *d = opendir(in);
    if (!d) {
      fprintf(stderr, "jianbao: %s: error: cannot read the folder: %s\n", in, strerror(errno));
      ps->failures++;
      continue;
    }
    size_t first = ps->n_docs;
    for (struct dirent *e; (e = readdir(d));) {
      if (!document_name(e->d_name)) continue;
      jb_buf path; /* not a fixed array: a truncated path would name another file */
      jb_buf_init(&path, ps->ctx);
      jb_buf_printf(&path, "%s/%s", in, e->d_name);
      add_path(ps, path.data, &cap);
      jb_buf_fini(&path);
    }
    closedir(d);
    if (ps->n_docs > first) qsort(ps->paths + first, ps->n_docs - first, sizeof(char *), by_name);
    if (ps->n_docs == first) {
      fprintf(stderr, "jianbao: %s: error: no documents (.txt, .docx, .html, .xlsx) in this folder\n", in);
      ps->failures++;
    }
  }
  ps->first_data = ps->n_docs;
  for (size_t i = 0; i < ps->a->n_data; i++) add_path(ps, ps->a->data[i], &cap);
  return ps->n_docs > 0;
}

/* A manifest.json next to a document may give its title and team (seeds/ has one). */
static void read_manifest_entry(pack_state *ps, size_t i) {
  const char *path = ps->paths[i], *slash = strrchr(path, '/');
  size_t dir_len = slash ? (size_t)(slash - path) + 1 : 0;
  jb_buf mpath;
  jb_buf_init(&mpath, ps->ctx);
  jb_buf_printf(&mpath, "%.*smanifest.json", (int)dir_len, path);
  char *data;
  size_t len;
  int absent = access(mpath.data, R_OK) != 0 || jb_read_file(ps->ctx, mpath.data, &data, &len);
  if (absent) {
    jb_ctx_clear_error(ps->ctx);
    jb_buf_fini(&mpath);
    return;
  }
  cJSON *root = cJSON_ParseWithLength(data, len), *e;
  if (!root && !ps->a->quiet) fprintf(stderr, "jianbao: %s: warning: not valid JSON; titles and teams are taken from the texts\n", mpath.data);
  cJSON_ArrayForEach(e, cJSON_GetObjectItemCaseSensitive(root, "documents")) {
    const char *file = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(e, "file"));
    if (!file || strcmp(file, path + dir_len)) continue;
    const char *title = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(e, "title"));
    const char *team = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(e, "team"));
    const char *date = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(e, "date"));
    if (title) ps->titles[i] = jb_strdup(ps->ctx, title);
    if (team) ps->teams[i] = jb_strdup(ps->ctx, team);
    if (date) ps->dates[i] = jb_strdup(ps->ctx, date);
  }
  cJSON_Delete(root);
  jb_free(ps->ctx, data);
  jb_buf_fini(&mpath);
}

static void load_docs(pack_state *ps) {
  ps->docs = jb_calloc(ps->ctx, ps->n_docs + 1, sizeof(jb_doc *));
  size_t w = 0;
  for (size_t i = 0; i < ps->n_docs; i++) {
    jb_doc *doc;
    jb_ingest_opts o = ps->a->io;
    if (i >= ps->first_data) o.from = jb_cli_data_format(ps->paths[i]);
    if (jb_doc_load(ps->ctx, ps->paths[i], &o, &doc)) {
      fprintf(stderr, "jianbao: %s (document skipped)\n", jb_ctx_error(ps->ctx));
      jb_ctx_clear_error(ps->ctx);
      ps->failures++;
      jb_free(ps->ctx, ps->paths[i]);
      continue;
    }
    ps->paths[w] = ps->paths[i];
    ps->docs[w++] = doc;
  }
  ps->n_docs = w;
  ps->titles = jb_calloc(ps->ctx, w + 1, sizeof(char *));
  ps->teams = jb_calloc(ps->ctx, w + 1, sizeof(char *));
  ps->dates = jb_calloc(ps->ctx, w + 1, sizeof(char *));
  for (size_t i = 0; i < w; i++) read_manifest_entry(ps, i);
}

/* ---- outputs -------------------------------------------------------------- */

static char *out_path(pack_state *ps, const char *rel) {
  size_t n = strlen(ps->a->outdir) + strlen(rel) + 2;
  char *p = jb_malloc(ps->ctx, n);
  snprintf(p, n, "%s/%s", ps->a->outdir, rel);
  return p;
}

static jb_status make_dir(jb_ctx *ctx, const char *path) {
  if (mkdir(path, 0777) == 0 || errno == EEXIST) {
    struct stat st;
    if (stat(path, &st) == 0 && S_ISDIR(st.st_mode) && access(path, W_OK) == 0) return JB_OK;
    if (errno == EEXIST || errno == 0) errno = ENOTDIR;
    return jb_fail(ctx, JB_ERR_IO, (jb_loc){path, 0, 0, -1, NULL}, "cannot write into this folder");
  }
  return jb_fail(ctx, JB_ERR_IO, (jb_loc){path, 0, 0, -1, NULL}, "cannot create the folder: %s", strerror(errno));
}

/* The output folder, created if needed, opened and locked: a second pack into
 * it fails while this one runs (shards of one batch take a shared lock, as
 * they write different one-pagers and identical common files). */
static jb_status open_outdir(pack_state *ps) {
  const char *dir = ps->a->outdir;
  jb_loc loc = {dir, 0, 0, -1, NULL};
  jb_status st = make_dir(ps->ctx, dir);
  if (st) return st;
  ps->outfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (ps->outfd < 0) return jb_fail(ps->ctx, JB_ERR_IO, loc, "cannot open the folder: %s", strerror(errno));
  if (flock(ps->outfd, (ps->a->shard_n ? LOCK_SH : LOCK_EX) | LOCK_NB) == 0) return JB_OK;
  if (errno == EWOULDBLOCK)
    return jb_fail(ps->ctx, JB_ERR_IO, loc, "another jianbao pack is writing into this folder; wait for it or choose another -o");
  return jb_fail(ps->ctx, JB_ERR_IO, loc, "cannot lock the folder: %s", strerror(errno));
}

/* counties/ or prefectures/ inside the output folder, opened without
 * following a symbolic link (one planted there would redirect every page). */
static jb_status open_subdir(pack_state *ps, const char *name) {
  char *shown = out_path(ps, name);
  jb_loc loc = {shown, 0, 0, -1, NULL};
  jb_status st = JB_OK;
  if (mkdirat(ps->outfd, name, 0777) != 0 && errno != EEXIST)
    st = jb_fail(ps->ctx, JB_ERR_IO, loc, "cannot create the folder: %s", strerror(errno));
  else if ((ps->subfd = openat(ps->outfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)) < 0)
    st = jb_fail(ps->ctx, JB_ERR_IO, loc, "%s", errno == ELOOP || errno == ENOTDIR
                 ? "is a symbolic link or not a folder; pack writes only into a real folder inside -o"
                 : strerror(errno));
  jb_free(ps->ctx, shown);
  return st;
}

static jb_status write_text(pack_state *ps, const char *rel, const char *text) {
  char *p = out_path(ps, rel);
  jb_status st = jb_write_file_at(ps->ctx, ps->outfd, rel, p, text, strlen(text), 1);
  if (!st) ps->files++;
  jb_free(ps->ctx, p);
  return st;
}

/* Model JSON -> validated briefing -> facts resolved -> pages -> PDF file.
 * *pages gets the page count; nothing is written when max_pages is exceeded. */
static jb_status build_pdf(pack_state *ps, jb_ctx *ctx, const char *name, const char *json, const char *layout,
                           int dirfd, const char *file, const char *path, size_t max_pages, size_t *pages) {
  jb_briefing *b = NULL;
  jb_layout_template *tpl = NULL;
  jb_dl dl;
  jb_dl_init(&dl, ctx, ps->fonts);
  jb_status st = jb_briefing_parse(ctx, name, json, strlen(json), &b);
  if (!st) st = jb_briefing_template(ctx, b, layout, &tpl);
  if (!st) st = jb_briefing_resolve_list(ctx, b, tpl, ps->factlist);
  jb_build_opts opts = JB_BUILD_DEFAULTS;
  opts.facts = ps->factlist;
  if (ps->date >= 0) opts.date = ps->date; /* the pack has no date of its own */
  if (!st) st = jb_build_briefing(ctx, ps->fonts, b, tpl, &opts, &dl, NULL);
  *pages = dl.n_pages;
  if (st == JB_ERR_LIMIT && max_pages == 1) { /* a one-pager that does not fit: condense and retry */
    jb_ctx_clear_error(ctx);
    st = JB_OK;
    *pages = 2;
  }
  if (!st && file && (!max_pages || dl.n_pages <= max_pages))
    st = jb_cli_write_pdf_at(ctx, &dl, dirfd, file, path, dirfd == ps->outfd); /* one-pagers: the folder is synced once */
  jb_dl_fini(&dl);
  jb_template_free(tpl);
  jb_briefing_free(b);
  return st;
}

/* The 版头 and 版记 options (with the defaults of an official template) written
 * into the pack's model, so that briefing.json rebuilds the same 简报. */
static char *issue_model(pack_state *ps, char *model) {
  jb_layout_template *tpl = NULL;
  int official = 0;
  jb_status before = jb_ctx_status(ps->ctx);
  if (!jb_template_load(ps->ctx, ps->a->layout ? ps->a->layout : "brief", &tpl)) official = tpl->masthead.show;
  else if (!before) jb_ctx_clear_error(ps->ctx); /* build_pdf reports a bad layout */
  jb_template_free(tpl);
  char today[16];
  jb_cli_today(ps->date, today);
  jb_issue_opts o = ps->a->issue;
  o.today = today;
  char *out = jb_issue_apply_json(ps->ctx, model, official, &o);
  jb_free(ps->ctx, model);
  return out;
}

/* ---- counties -------------------------------------------------------------- */

/* A file name from a county name: no path separators, control characters or
 * leading dots, so a name can never leave the counties folder. */
static void safe_name(const char *name, size_t index, int ascii, char *out, size_t cap) {
  if (ascii) {
    snprintf(out, cap, "county-%02zu.pdf", index + 1);
    return;
  }
  size_t k = 0, limit = cap > 24 ? cap - 24 : 0; /* room for "-xxxxxxxx.pdf" */
  int altered = 0;
  uint32_t h = 2166136261u;
  for (const unsigned char *p = (const unsigned char *)name; *p; p++) h = (h ^ *p) * 16777619u;
  for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
    if (k >= limit && (*p & 0xC0) != 0x80) { /* cut at a character boundary */
      altered = 1;
      break;
    }
    int bad = *p < 0x20 || *p == '/' || *p == '\\' || *p == 0x7F || (*p == '.' && k == 0);
    altered |= bad;
    out[k++] = bad ? '_' : (char)*p;
  }
  if (!k) out[k++] = '_', altered = 1;
  /* An altered name gets a hash of the real one, so a/b and a_b never share a file. */
  if (altered) snprintf(out + k, cap - k, "-%08x.pdf", (unsigned)h);
  else snprintf(out + k, cap - k, ".pdf");
}

/* Pages the county model takes with these limits, built in a quiet context
 * (trial layouts warn about overflow that the next trial removes). */
static jb_status county_pages(pack_state *ps, jb_ctx *trial, const jb_digest_input *in, const char *county,
                              size_t shown, size_t context, const char *file, const char *path, size_t *pages) {
  char *json = jb_digest_county(trial, in, county, shown, context);
  jb_status st = build_pdf(ps, trial, county, json, "onepager", ps->subfd, file, path, 1, pages);
  jb_free(trial, json);
  if (st) jb_fail(ps->ctx, st, JB_LOC_NONE, "%s", jb_ctx_error(trial));
  return st;
}

/* One page per county: condense (fewer context figures, then fewer facts in
 * full, the rest summarised as "另有 N 项" with their sources) until it fits;
 * the number shown is found by bisection, then the page is built for real. */
static jb_status build_county(pack_state *ps, const jb_digest_input *in, const char *county, size_t index) {
  char file[512], rel[600];
  safe_name(county, index, ps->a->ascii, file, sizeof file);
  snprintf(rel, sizeof rel, "%s/%s", strcmp(ps->a->by, "prefecture") ? "counties" : "prefectures", file);
  char *path = out_path(ps, rel);
  jb_ctx *trial = jb_ctx_new();
  size_t total = jb_digest_county_fact_count(in, county), shown = total, context = 4, pages = 0;
  /* Most pages fit at once: the first trial writes the file when it fits. */
  jb_status st = county_pages(ps, trial, in, county, shown, context, file, path, &pages);
  int written = !st && pages <= 1;
  for (size_t i = 0; written && !ps->a->quiet && i < jb_ctx_warning_count(trial); i++)
    fprintf(stderr, "jianbao: %s\n", jb_ctx_warning(trial, i));
  while (!st && pages > 1 && context) {
    context = context > 2 ? 2 : 0;
    st = county_pages(ps, trial, in, county, shown, context, NULL, path, &pages);
  }
  if (!st && pages > 1) { /* fits(lo) and !fits(hi) */
    size_t lo = 0, hi = total;
    st = county_pages(ps, trial, in, county, 0, 0, NULL, path, &pages);
    if (!st && pages > 1)
      st = jb_fail(ps->ctx, JB_ERR_LIMIT, (jb_loc){path, 0, 0, -1, NULL}, "%s does not fit one page", county);
    while (!st && hi - lo > 1) {
      size_t mid = lo + (hi - lo) / 2;
      st = county_pages(ps, trial, in, county, mid, 0, NULL, path, &pages);
      if (pages <= 1) lo = mid;
      else hi = mid;
    }
    shown = lo;
  }
  jb_ctx_free(trial);
  if (!st && !written) {
    char *json = jb_digest_county(ps->ctx, in, county, shown, context);
    st = build_pdf(ps, ps->ctx, county, json, "onepager", ps->subfd, file, path, 1, &pages);
    jb_free(ps->ctx, json);
  }
  if (!st) ps->files++, ps->pages += pages;
  jb_free(ps->ctx, path);
  return st;
}

static int in_share(const pack_args *a, size_t index, int job) {
  if (a->shard_n && (int)(index % (size_t)a->shard_n) != a->shard_k - 1) return 0;
  size_t local = a->shard_n ? index / (size_t)a->shard_n : index;
  return (int)(local % (size_t)a->jobs) == job;
}

/* On a terminal a bar redrawn in place (worker 0 speaks for all: the shares
 * are even); otherwise one plain line per page, for logs. */
static void county_progress(pack_state *ps, int job, size_t done, size_t share, const char *name) {
  if (ps->a->quiet) return;
  if (!ps->tty) {
    fprintf(stderr, "jianbao pack: one-pager %s written\n", name);
    return;
  }
  if (job != 0 || !share) return;
  int width = 30, filled = (int)(width * done / share);
  fprintf(stderr, "\rjianbao pack: one-pagers [%.*s%*s] %3zu%%", filled, "##############################",
          width - filled, "", 100 * done / share);
  if (done == share) fputc('\n', stderr);
}

static size_t build_counties_job(pack_state *ps, const jb_digest_input *in, const jb_digest_names *names, int job) {
  size_t failed = 0, share = 0, done = 0;
  for (size_t i = 0; i < names->n; i++) share += (size_t)in_share(ps->a, i, job);
  for (size_t i = 0; i < names->n; i++) {
    if (ps->parent && getppid() != ps->parent) break; /* the pack process is gone: stop writing */
    if (!in_share(ps->a, i, job) || (ps->a->only && strcmp(ps->a->only, names->names[i]))) continue;
    if (build_county(ps, in, names->names[i], i)) {
      if (ps->tty) fputc('\n', stderr);
      fprintf(stderr, "jianbao: %s\n", jb_ctx_error(ps->ctx));
      jb_ctx_clear_error(ps->ctx);
      failed++;
    }
    county_progress(ps, job, ++done, ps->a->only ? 1 : share, names->names[i]);
  }
  return failed;
}

/* The one-pagers: with --jobs N, N forked workers build them while the parent
 * builds the pack; with one job they are built after the pack. */
typedef struct county_run {
  jb_digest_names names;
  pid_t kids[64];
  int started;
} county_run;

static void start_counties(pack_state *ps, const jb_digest_input *in, county_run *cr) {
  memset(cr, 0, sizeof *cr);
  int pref = !strcmp(ps->a->by, "prefecture");
  cr->names = pref ? jb_digest_places(ps->ctx, in, "prefecture") : jb_digest_counties(ps->ctx, in);
  if (open_subdir(ps, pref ? "prefectures" : "counties")) {
    fprintf(stderr, "jianbao: %s\n", jb_ctx_error(ps->ctx));
    jb_ctx_clear_error(ps->ctx);
    ps->failures++;
  } else {
    cr->started = 1;
    for (int j = 0; ps->a->jobs > 1 && j < ps->a->jobs; j++) {
      fflush(stderr);
      pid_t parent = getpid();
      cr->kids[j] = fork();
      if (cr->kids[j] == 0) { /* a worker: build its share, then unwind and exit like the parent */
        prctl(PR_SET_PDEATHSIG, SIGTERM); /* dies with the pack process... */
        ps->parent = parent;                /* ...and checks, as it may have died before prctl */
        size_t failed = getppid() == parent ? build_counties_job(ps, in, &cr->names, j) : 1;
        fsync(ps->subfd);
        ps->child_exit = failed > 100 ? 100 : (int)failed; /* the parent counts from the exit status */
        cr->started = 0;
        jb_digest_names_free(ps->ctx, &cr->names);
        break;
      }
    }
  }
}

static void finish_counties(pack_state *ps, const jb_digest_input *in, county_run *cr) {
  if (cr->started && ps->a->jobs == 1) {
    ps->failures += build_counties_job(ps, in, &cr->names, 0);
    fsync(ps->subfd); /* the one-pagers' renames */
  } else if (cr->started) {
    size_t assigned = 0, failed = 0;
    for (size_t i = 0; i < cr->names.n; i++)
      for (int j = 0; j < ps->a->jobs; j++) assigned += (size_t)in_share(ps->a, i, j);
    for (int j = 0; j < ps->a->jobs; j++) {
      int status = 0;
      if (cr->kids[j] < 0 || waitpid(cr->kids[j], &status, 0) < 0 || !WIFEXITED(status)) failed++;
      else failed += (size_t)WEXITSTATUS(status);
    }
    ps->failures += failed;
    ps->files += assigned > failed ? assigned - failed : 0;
    ps->pages += assigned > failed ? assigned - failed : 0;
  }
  jb_digest_names_free(ps->ctx, &cr->names);
}

/* ---- main ------------------------------------------------------------------- */

static void run(pack_state *ps) {
  jb_ctx *ctx = ps->ctx;
  if (jb_cli_source_date(ctx, &ps->date) || open_outdir(ps) || !collect_inputs(ps)) {
    if (jb_ctx_status(ctx)) fprintf(stderr, "jianbao: %s\n", jb_ctx_error(ctx));
    ps->failures++;
    return;
  }
  load_docs(ps);
  if (!ps->n_docs) return;
  ps->facts = jb_extract(ctx, (const jb_doc *const *)ps->docs, ps->n_docs);
  if (!ps->facts) {
    fprintf(stderr, "jianbao: %s\n", jb_ctx_error(ctx));
    ps->failures++;
    return;
  }
  { /* facts.json names each document by the title the briefing cites it by */
    jb_digest_input t = {(const jb_doc *const *)ps->docs, ps->n_docs, ps->facts, NULL, NULL,
                         (const char *const *)ps->titles, (const char *const *)ps->teams,
                         (const char *const *)ps->dates, NULL};
    for (size_t d = 0; d < ps->n_docs; d++) {
      char *title = jb_digest_doc_title(ctx, &t, d);
      jb_facts_set_cited_as(ps->facts, d, title);
      jb_free(ctx, title);
    }
  }
  ps->facts_json = jb_facts_to_json(ctx, ps->facts, (const jb_doc *const *)ps->docs, ps->n_docs);
  if (write_text(ps, "facts.json", ps->facts_json) ||
      jb_factlist_parse_own(ctx, "facts.json", ps->facts_json, strlen(ps->facts_json), &ps->factlist)) {
    fprintf(stderr, "jianbao: %s\n", jb_ctx_error(ctx));
    ps->failures++;
    return;
  }
  progress(ps, "%s", "facts.json written");
  ps->cache = jb_digest_cache_new(ctx, ps->n_docs);
  if (ps->a->only) { /* one county's page and nothing else */
    jb_digest_input one = {(const jb_doc *const *)ps->docs, ps->n_docs, ps->facts, "facts.json", ps->a->layout,
                           (const char *const *)ps->titles, (const char *const *)ps->teams, (const char *const *)ps->dates,
                           ps->cache};
    county_run cr;
    start_counties(ps, &one, &cr);
    if (ps->child_exit >= 0) return;
    int known = 0;
    for (size_t i = 0; i < cr.names.n; i++) known |= !strcmp(cr.names.names[i], ps->a->only);
    if (!known) fprintf(stderr, "jianbao: error: no county named '%s' in these documents\n", ps->a->only), ps->failures++;
    finish_counties(ps, &one, &cr);
    return;
  }
  jb_digest_input in = {(const jb_doc *const *)ps->docs, ps->n_docs, ps->facts, "facts.json", ps->a->layout,
                        (const char *const *)ps->titles, (const char *const *)ps->teams, (const char *const *)ps->dates,
                        ps->cache};
  char *model = issue_model(ps, jb_digest_pack(ctx, &in));
  if (write_text(ps, "briefing.json", model)) {
    fprintf(stderr, "jianbao: %s\n", jb_ctx_error(ctx));
    ps->failures++;
  }
  county_run cr;
  int counties = strcmp(ps->a->by, "none") != 0;
  if (counties) start_counties(ps, &in, &cr);
  if (ps->child_exit >= 0) {
    jb_free(ctx, model);
    return;
  }
  char *pack = out_path(ps, "briefing-pack.pdf");
  size_t pages = 0;
  if (build_pdf(ps, ctx, "briefing.json", model, ps->a->layout, ps->outfd, "briefing-pack.pdf", pack, 0, &pages)) {
    fprintf(stderr, "jianbao: %s\n", jb_ctx_error(ctx));
    jb_ctx_clear_error(ctx);
    ps->failures++;
  } else {
    ps->files++, ps->pages += pages;
    progress(ps, "%s written", pack);
  }
  jb_free(ctx, pack);
  jb_free(ctx, model);
  if (counties) finish_counties(ps, &in, &cr);
}

static void cleanup(pack_state *ps) {
  for (size_t i = 0; i < ps->n_docs; i++) {
    jb_doc_free(ps->docs[i]);
    jb_free(ps->ctx, ps->paths[i]);
    if (ps->titles) jb_free(ps->ctx, ps->titles[i]), jb_free(ps->ctx, ps->teams[i]), jb_free(ps->ctx, ps->dates[i]);
  }
  jb_digest_cache_free(ps->cache);
  jb_free(ps->ctx, ps->titles);
  jb_free(ps->ctx, ps->teams);
  jb_free(ps->ctx, ps->dates);
  jb_free(ps->ctx, ps->docs);
  jb_free(ps->ctx, ps->paths);
  jb_facts_free(ps->facts);
  jb_factlist_free(ps->factlist);
  jb_free(ps->ctx, ps->facts_json);
  jb_fonts_free(ps->fonts);
  if (ps->subfd >= 0) close(ps->subfd);
  if (ps->outfd >= 0) close(ps->outfd); /* releases the lock */
}

int jb_cmd_pack(int argc, char **argv) {
  pack_args a;
  int rc = parse_args(argc, argv, &a);
  if (rc) {
    free(a.inputs), free(a.data);
    return rc < 0 ? 0 : rc;
  }
  pack_state ps;
  memset(&ps, 0, sizeof ps);
  ps.ctx = jb_ctx_new();
  ps.a = &a;
  ps.tty = isatty(2);
  ps.child_exit = -1;
  ps.outfd = ps.subfd = -1;
  jb_cli_warn_to_stderr(ps.ctx, a.quiet);
  if (jb_fonts_new(ps.ctx, NULL, &ps.fonts)) {
    rc = jb_cli_report(ps.ctx);
  } else {
    if (a.synth_bold > 0) jb_fonts_set_synthetic_bold(ps.fonts, a.synth_bold);
    run(&ps);
    if (!a.quiet && ps.child_exit < 0)
      fprintf(stderr, "jianbao pack: %zu documents, %zu facts, %zu pages, %zu files, %zu warnings, %zu failures\n",
              ps.n_docs, ps.facts ? jb_facts_count(ps.facts) : 0, ps.pages, ps.files,
              jb_ctx_warning_count(ps.ctx), ps.failures);
    rc = ps.child_exit >= 0 ? ps.child_exit : (ps.failures ? 1 : 0);
  }
  cleanup(&ps);
  jb_ctx_free(ps.ctx);
  free(a.inputs), free(a.data);
  return rc;
}
