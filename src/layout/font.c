/* Font stacks: fonts/stacks.json names families; fontconfig finds their files
 * (a maintained library that knows every font folder and TTC index); HarfBuzz
 * loads them memory-mapped. FreeType is used only for GID -> CID in CID-keyed CFF. */
#include <cJSON.h>
#include <fontconfig/fontconfig.h>
#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_CID_H
#include <hb-ot.h>
#include <hb-subset.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "font_imp.h"

jb_face *jb__fonts_face(jb_fonts *f, unsigned i) { return i < f->n_faces ? &f->faces[i] : NULL; }

int jb__face_glyph(jb_fonts *f, jb_face *fc, uint32_t cp, uint32_t *gid) {
  if (!fc->cmap_cache) {
    fc->cmap_cache = jb_malloc(f->ctx, JB_CMAP_CACHE * sizeof *fc->cmap_cache);
    memset(fc->cmap_cache, 0xFF, JB_CMAP_CACHE * sizeof *fc->cmap_cache);
  }
  jb_cmap_slot *s = &fc->cmap_cache[(cp * 2654435761u) >> 19 & (JB_CMAP_CACHE - 1)];
  if (s->cp != cp) {
    hb_codepoint_t g;
    s->cp = cp;
    s->gid = hb_font_get_nominal_glyph(fc->font, cp, &g) ? g : UINT32_MAX;
  }
  *gid = s->gid;
  return s->gid != UINT32_MAX;
}

static hb_bool_t cached_nominal_glyph(hb_font_t *font, void *font_data, hb_codepoint_t cp, hb_codepoint_t *glyph,
                                      void *user_data) {
  (void)font;
  jb_fonts *f = user_data;
  uint32_t g;
  int ok = jb__face_glyph(f, &f->faces[(uintptr_t)font_data], cp, &g);
  if (ok) *glyph = g;
  return ok;
}

static unsigned cached_nominal_glyphs(hb_font_t *font, void *font_data, unsigned count, const hb_codepoint_t *cps,
                                      unsigned cp_stride, hb_codepoint_t *glyphs, unsigned glyph_stride,
                                      void *user_data) {
  (void)font;
  jb_fonts *f = user_data;
  jb_face *fc = &f->faces[(uintptr_t)font_data];
  unsigned i = 0;
  for (; i < count; i++) {
    uint32_t g;
    if (!jb__face_glyph(f, fc, *cps, &g)) break;
    *glyphs = g;
    cps = (const hb_codepoint_t *)((const char *)cps + cp_stride);
    glyphs = (hb_codepoint_t *)((char *)glyphs + glyph_stride);
  }
  return i;
}

hb_font_t *jb__face_shape_font(jb_fonts *f, jb_face *fc) {
  if (fc->shape_font) return fc->shape_font;
  if (!f->cached_cmap) {
    f->cached_cmap = hb_font_funcs_create();
    hb_font_funcs_set_nominal_glyph_func(f->cached_cmap, cached_nominal_glyph, f, NULL);
    hb_font_funcs_set_nominal_glyphs_func(f->cached_cmap, cached_nominal_glyphs, f, NULL);
    hb_font_funcs_make_immutable(f->cached_cmap);
  }
  fc->shape_font = hb_font_create_sub_font(fc->font);
  /* font_data is the face's index: f->faces moves when a stack adds a face */
  hb_font_set_funcs(fc->shape_font, f->cached_cmap, (void *)(uintptr_t)(fc - f->faces), NULL);
  return fc->shape_font;
}

static jb_status load_config(jb_fonts *f, const char *path) {
  char *text;
  size_t len;
  jb_status st = jb_read_file(f->ctx, path, &text, &len);
  if (st) return st;
  cJSON *root = cJSON_ParseWithLength(text, len);
  jb_free(f->ctx, text);
  cJSON *stacks = cJSON_GetObjectItemCaseSensitive(root, "stacks");
  if (!cJSON_IsObject(stacks)) {
    cJSON_Delete(root);
    return jb_fail(f->ctx, JB_ERR_INPUT, (jb_loc){path, 0, 0, -1, "stacks"},
                   "expected an object of named font stacks");
  }
  f->config = root;
  f->n_stacks = f->cap_stacks = (size_t)cJSON_GetArraySize(stacks);
  f->stacks = jb_calloc(f->ctx, f->n_stacks ? f->n_stacks : 1, sizeof(jb_stack));
  const cJSON *em = cJSON_GetObjectItemCaseSensitive(root, "synthetic_bold_em");
  jb_fonts_set_synthetic_bold(f, cJSON_IsNumber(em) ? em->valuedouble : 0.03);
  size_t i = 0;
  for (cJSON *s = stacks->child; s; s = s->next) f->stacks[i++].name = jb_strdup(f->ctx, s->string);
  return JB_OK;
}

jb_status jb_fonts_new(jb_ctx *ctx, const char *config_path, jb_fonts **out) {
  jb_fonts *f = jb_calloc(ctx, 1, sizeof *f);
  f->ctx = ctx;
  f->config_path = config_path ? jb_strdup(ctx, config_path) : jb_data_path(ctx, "fonts/stacks.json");
  jb_status st = load_config(f, f->config_path);
  if (st) {
    jb_fonts_free(f);
    return st;
  }
  f->buf = hb_buffer_create();
  *out = f;
  return JB_OK;
}

static void face_fini(jb_fonts *f, jb_face *fc) {
  hb_font_destroy(fc->shape_font);
  hb_font_destroy(fc->font);
  hb_face_destroy(fc->face);
  hb_face_destroy(fc->subset_face);
  hb_blob_destroy(fc->blob);
  if (fc->ft_face) FT_Done_Face((FT_Face)fc->ft_face);
  jb_free(f->ctx, fc->cid_cache);
  jb_free(f->ctx, fc->cmap_cache);
  jb_free(f->ctx, fc->file);
  jb_free(f->ctx, fc->family);
  jb_free(f->ctx, fc->style);
  jb_free(f->ctx, fc->ps_name);
}

void jb_fonts_free(jb_fonts *f) {
  if (!f) return;
  for (size_t i = 0; i < f->n_faces; i++) face_fini(f, &f->faces[i]);
  for (size_t i = 0; i < f->n_stacks; i++) jb_free(f->ctx, f->stacks[i].name);
  jb_free(f->ctx, f->faces);
  jb_free(f->ctx, f->stacks);
  jb_free(f->ctx, f->config_path);
  cJSON_Delete(f->config);
  if (f->fc_config) FcConfigDestroy(f->fc_config);
  if (f->ft_lib) FT_Done_FreeType((FT_Library)f->ft_lib);
  hb_buffer_destroy(f->buf);
  hb_font_funcs_destroy(f->cached_cmap);
  jb_free(f->ctx, f);
}

void jb_fonts_set_strict(jb_fonts *f, int strict) { f->strict = strict; }

void jb_fonts_set_synthetic_bold(jb_fonts *f, double em) {
  f->synth_bold_em = !(em >= 0.005) ? 0.005 : em > 0.1 ? 0.1 : em; /* NaN -> the minimum */
}
double jb_fonts_synthetic_bold(const jb_fonts *f) { return f->synth_bold_em; }

const char *jb_fonts_stack_name(const jb_fonts *f, int stack) {
  return stack >= 0 && (size_t)stack < f->n_stacks ? f->stacks[stack].name : NULL;
}

size_t jb_fonts_face_count(const jb_fonts *f) { return f->n_faces; }
const char *jb_fonts_face_name(const jb_fonts *f, unsigned i) {
  return i < f->n_faces ? f->faces[i].ps_name : NULL;
}

static char *face_ps_name(jb_ctx *ctx, hb_face_t *face, const char *family) {
  char name[256];
  unsigned len = sizeof name;
  if (hb_ot_name_get_utf8(face, HB_OT_NAME_ID_POSTSCRIPT_NAME, HB_LANGUAGE_INVALID, &len, name) == 0)
    snprintf(name, sizeof name, "%s", family);
  for (char *p = name; *p; p++)  /* PDF names: no spaces or delimiters */
    if (*p == ' ' || *p == '/' || *p == '(' || *p == ')') *p = '-';
  return jb_strdup(ctx, name);
}

static FT_Face ft_face(jb_fonts *f, jb_face *fc);

/* ---- CFF: CID-keyed or not, and the charset (GID -> CID) ----------------------
 * Read from the CFF table directly: FreeType, which knows both, needs 1 ms to
 * open a CJK face, per face and process. FreeType remains the fallback for a
 * table this reader does not take. */

typedef struct cff_index {
  size_t count, osz, offs, data0, end; /* item i is [data0 + off(i), data0 + off(i + 1)) */
} cff_index;

static size_t be_n(const unsigned char *p, size_t n) {
  size_t v = 0;
  for (size_t i = 0; i < n; i++) v = v << 8 | p[i];
  return v;
}

static int cff_index_at(const unsigned char *p, size_t n, size_t off, cff_index *ix) {
  memset(ix, 0, sizeof *ix);
  if (off + 2 > n) return 0;
  ix->count = be_n(p + off, 2);
  if (!ix->count) return ix->end = off + 2, 1;
  if (off + 3 > n) return 0;
  ix->osz = p[off + 2];
  ix->offs = off + 3;
  if (ix->osz < 1 || ix->osz > 4 || ix->offs + (ix->count + 1) * ix->osz > n) return 0;
  ix->data0 = ix->offs + (ix->count + 1) * ix->osz - 1;
  ix->end = ix->data0 + be_n(p + ix->offs + ix->count * ix->osz, ix->osz);
  return ix->end <= n;
}

static size_t cff_item(const unsigned char *p, const cff_index *ix, size_t i) {
  return ix->data0 + be_n(p + ix->offs + i * ix->osz, ix->osz);
}

typedef struct cff_top {
  int ros;                 /* CID-keyed */
  long charset, charstrings;
} cff_top;

/* The operators of the first Top DICT that matter here; 0 if malformed. */
static int cff_top_dict(const unsigned char *p, size_t n, cff_top *top) {
  cff_index names, tops;
  if (n < 4 || !cff_index_at(p, n, p[2], &names) || !cff_index_at(p, n, names.end, &tops) || !tops.count) return 0;
  size_t i = cff_item(p, &tops, 0), end = cff_item(p, &tops, 1);
  if (i > end || end > n) return 0;
  long arg[48];
  int na = 0;
  memset(top, 0, sizeof *top);
  top->charset = top->charstrings = -1;
  while (i < end) {
    unsigned b = p[i++];
    long v;
    if (b >= 32 && b <= 246) v = (long)b - 139;
    else if (b >= 247 && b <= 250 && i < end) v = ((long)b - 247) * 256 + p[i++] + 108;
    else if (b >= 251 && b <= 254 && i < end) v = -((long)b - 251) * 256 - p[i++] - 108;
    else if (b == 28 && i + 2 <= end) v = (int16_t)be_n(p + i, 2), i += 2;
    else if (b == 29 && i + 4 <= end) v = (int32_t)be_n(p + i, 4), i += 4;
    else if (b == 30) { /* real: skip its nibbles */
      while (i < end && (p[i] & 0x0F) != 0x0F && (p[i] & 0xF0) != 0xF0) i++;
      i++;
      v = 0;
    } else if (b <= 21) { /* operator */
      unsigned op = b == 12 && i < end ? 1200u + p[i++] : b;
      if (op == 1230) top->ros = 1;
      if (op == 15 && na > 0) top->charset = arg[na - 1];
      if (op == 17 && na > 0) top->charstrings = arg[na - 1];
      na = 0;
      continue;
    } else {
      return 0;
    }
    if (na < 48) arg[na++] = v;
  }
  return 1;
}

/* CID of every glyph (cid[gid]); 0 if the table is not as expected. */
static int cff_charset(const unsigned char *p, size_t n, unsigned n_glyphs, uint32_t *cid) {
  cff_top top;
  cff_index cs;
  if (!cff_top_dict(p, n, &top) || !top.ros || top.charset < 3 || (size_t)top.charset >= n ||
      top.charstrings < 0 || !cff_index_at(p, n, (size_t)top.charstrings, &cs) || cs.count != n_glyphs)
    return 0;
  size_t i = (size_t)top.charset;
  unsigned fmt = p[i++], gid = 1;
  cid[0] = 0;
  if (fmt == 0) {
    for (; gid < n_glyphs; gid++, i += 2) {
      if (i + 2 > n) return 0;
      cid[gid] = (uint32_t)be_n(p + i, 2);
    }
    return 1;
  }
  if (fmt != 1 && fmt != 2) return 0;
  size_t step = fmt == 1 ? 3 : 4;
  while (gid < n_glyphs) {
    if (i + step > n) return 0;
    size_t first = be_n(p + i, 2), left = be_n(p + i + 2, step - 2);
    i += step;
    for (size_t k = 0; k <= left && gid < n_glyphs; k++) cid[gid++] = (uint32_t)(first + k);
  }
  return 1;
}

/* TrueType, or CFF keyed by CID (a ROS in the Top DICT) or by name. */
static jb_font_format face_format(jb_fonts *f, jb_face *fc) {
  hb_blob_t *cff = hb_face_reference_table(fc->face, HB_TAG('C', 'F', 'F', ' '));
  unsigned len;
  const unsigned char *data = (const unsigned char *)hb_blob_get_data(cff, &len);
  cff_top top;
  int parsed = len && cff_top_dict(data, len, &top);
  hb_blob_destroy(cff);
  if (!len) return JB_FONT_TRUETYPE;
  if (parsed) return top.ros ? JB_FONT_CFF_CID : JB_FONT_CFF_NAME;
  FT_Face face = ft_face(f, fc);
  FT_Bool cid_keyed = 0;
  if (face && FT_Get_CID_Is_Internally_CID_Keyed(face, &cid_keyed)) cid_keyed = 0;
  return cid_keyed ? JB_FONT_CFF_CID : JB_FONT_CFF_NAME;
}

static int add_face(jb_fonts *f, const char *file, int index, const char *family, const char *style) {
  for (size_t i = 0; i < f->n_faces; i++)
    if (!strcmp(f->faces[i].file, file) && f->faces[i].index == index) return (int)i;
  hb_blob_t *blob = hb_blob_create_from_file_or_fail(file);
  if (!blob) return -1;
  f->faces = jb_grow(f->ctx, f->faces, &f->cap_faces, f->n_faces + 1, sizeof(jb_face));
  jb_face *fc = &f->faces[f->n_faces];
  memset(fc, 0, sizeof *fc);
  fc->blob = blob;
  fc->face = hb_face_create(blob, (unsigned)index);
  fc->font = hb_font_create(fc->face);
  fc->upem = (int)hb_face_get_upem(fc->face);
  fc->n_glyphs = hb_face_get_glyph_count(fc->face);
  fc->file = jb_strdup(f->ctx, file);
  fc->family = jb_strdup(f->ctx, family);
  fc->style = jb_strdup(f->ctx, style);
  fc->index = index;
  fc->format = face_format(f, fc);
  fc->ps_name = face_ps_name(f->ctx, fc->face, family);
  return (int)f->n_faces++;
}

/* The system configuration (/etc/fonts: 50 files of XML) takes 4 ms to parse
 * at every start, though finding a family needs only the font folders and
 * their caches. So the standard folders of fontconfig's own fonts.conf are
 * tried first; a family not found there (a font in a folder only the system
 * configuration adds), or a FONTCONFIG_* setting, brings in the full
 * configuration, which also names the folders in a missing-font message. */
static const char LEAN_CONFIG[] =
    "<fontconfig><dir>/usr/share/fonts</dir><dir>/usr/local/share/fonts</dir>"
    "<dir prefix=\"xdg\">fonts</dir><dir>~/.fonts</dir>"
    "<cachedir>/var/cache/fontconfig</cachedir><cachedir prefix=\"xdg\">fontconfig</cachedir>"
    "<cachedir>~/.fontconfig</cachedir></fontconfig>";

static FcConfig *lean_config(void) {
  if (getenv("FONTCONFIG_FILE") || getenv("FONTCONFIG_PATH") || getenv("FONTCONFIG_SYSROOT")) return NULL;
  FcConfig *c = FcConfigCreate();
  if (c && FcConfigParseAndLoadFromMemory(c, (const FcChar8 *)LEAN_CONFIG, FcFalse) && FcConfigBuildFonts(c))
    return c;
  if (c) FcConfigDestroy(c);
  return NULL;
}

static jb_status fc_full(jb_fonts *f) {
  if (f->fc_config) FcConfigDestroy(f->fc_config);
  f->fc_config = FcInitLoadConfigAndFonts();
  f->fc_full = 1;
  if (!f->fc_config) return jb_fail(f->ctx, JB_ERR_FONT, JB_LOC_NONE, "fontconfig failed to start");
  return JB_OK;
}

static jb_status fc_init(jb_fonts *f) {
  if (f->fc_config) return JB_OK;
  f->fc_config = lean_config();
  return f->fc_config ? JB_OK : fc_full(f);
}

static int find_face_in(jb_fonts *f, const char *family, const char *style);

/* Finds family/style with fontconfig; -1 if not installed. Exact family match
 * (FcFontList), so a missing font is never silently replaced. */
static int find_face(jb_fonts *f, const char *family, const char *style) {
  int face = find_face_in(f, family, style);
  if (face < 0 && !f->fc_full && fc_full(f) == JB_OK) face = find_face_in(f, family, style);
  return face;
}

static int find_face_in(jb_fonts *f, const char *family, const char *style) {
  if (!f->fc_config) return -1;
  FcPattern *pat = FcPatternCreate();
  FcPatternAddString(pat, FC_FAMILY, (const FcChar8 *)family);
  if (style) FcPatternAddString(pat, FC_STYLE, (const FcChar8 *)style);
  FcObjectSet *os = FcObjectSetBuild(FC_FILE, FC_INDEX, (char *)0);
  FcFontSet *set = FcFontList(f->fc_config, pat, os);
  int best = -1;
  const char *best_file = NULL;
  int best_index = 0;
  for (int i = 0; set && i < set->nfont; i++) { /* deterministic: smallest path */
    FcChar8 *file;
    int index = 0;
    if (FcPatternGetString(set->fonts[i], FC_FILE, 0, &file) != FcResultMatch) continue;
    FcPatternGetInteger(set->fonts[i], FC_INDEX, 0, &index);
    if (!best_file || strcmp((const char *)file, best_file) < 0 ||
        (!strcmp((const char *)file, best_file) && index < best_index))
      best_file = (const char *)file, best_index = index;
  }
  if (best_file) best = add_face(f, best_file, best_index, family, style ? style : "");
  if (set) FcFontSetDestroy(set);
  FcObjectSetDestroy(os);
  FcPatternDestroy(pat);
  return best;
}

/* Every folder fontconfig searched, or a note that it knows none (an empty
 * configuration through FONTCONFIG_FILE listed nothing). */
static void list_font_dirs(jb_fonts *f, jb_buf *out) {
  FcStrList *dirs = f->fc_config ? FcConfigGetFontDirs(f->fc_config) : NULL;
  FcChar8 *d;
  size_t n = 0;
  while (dirs && (d = FcStrListNext(dirs))) jb_buf_printf(out, "%s%s", n++ ? ", " : "", (const char *)d);
  if (dirs) FcStrListDone(dirs);
  if (!n) jb_buf_adds(out, "none: fontconfig's configuration names no font folder (check FONTCONFIG_FILE and /etc/fonts)");
}

/* A face the entry names by Debian path ("files"), for fonts that fontconfig
 * does not index (the Fandol faces live in TeX Live's tree). */
static int find_face_file(jb_fonts *f, const cJSON *e, const char *family, const char *style) {
  const cJSON *file;
  cJSON_ArrayForEach(file, cJSON_GetObjectItemCaseSensitive(e, "files")) {
    const char *path = cJSON_GetStringValue(file);
    if (path && access(path, R_OK) == 0) {
      int face = add_face(f, path, 0, family, style ? style : "");
      if (face >= 0) return face;
    }
  }
  return -1;
}

static jb_status missing_font(jb_fonts *f, const jb_stack *s, const cJSON *e, const char *family,
                              const char *style) {
  const char *pkg = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(e, "package"));
  jb_buf dirs;
  jb_buf_init(&dirs, f->ctx);
  list_font_dirs(f, &dirs);
  jb_status fs = jb_fail(f->ctx, JB_ERR_FONT, (jb_loc){f->config_path, 0, 0, -1, NULL},
                         "font stack '%s' needs the font \"%s\" (%s), which is not installed; "
                         "folders searched: %s (on Debian: apt-get install %s)",
                         s->name, family, style ? style : "any style", dirs.data,
                         pkg ? pkg : "fonts-noto-cjk fonts-tibetan-machine fonts-dejavu-core");
  jb_buf_fini(&dirs);
  return fs;
}

static jb_status resolve_stack(jb_fonts *f, jb_stack *s) {
  cJSON *list = cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(f->config, "stacks"), s->name);
  jb_status st = fc_init(f);
  if (st) return st;
  cJSON *e;
  int first = 1;
  cJSON_ArrayForEach(e, list) {
    const char *family = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(e, "family"));
    const char *style = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(e, "style"));
    if (!family) continue;
    /* the Debian path first: a family fontconfig does not index would make it
     * load the full system configuration (about 8 ms) only to miss again */
    int face = find_face_file(f, e, family, style);
    if (face < 0) face = find_face(f, family, style);
    if (face < 0 && first) return missing_font(f, s, e, family, style);
    first = 0;
    if (face >= 0 && s->n_faces < JB_MAX_STACK) {
      s->synth[s->n_faces] = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(e, "synthetic_bold"));
      s->faces[s->n_faces++] = face;
    }
  }
  if (!s->n_faces)
    return jb_fail(f->ctx, JB_ERR_FONT, (jb_loc){f->config_path, 0, 0, -1, NULL},
                   "font stack '%s' lists no fonts", s->name);
  s->resolved = 1;
  return JB_OK;
}

/* "<base>-bold" when stacks.json has none: the base stack's faces, each drawn
 * with synthetic bold (a face with one weight, such as FandolFang). -1 when
 * there is no such base. */
static int derive_bold(jb_fonts *f, const char *name) {
  size_t n = strlen(name);
  if (n <= 5 || strcmp(name + n - 5, "-bold")) return -1;
  int base = -1;
  for (size_t i = 0; i < f->n_stacks; i++)
    if (strlen(f->stacks[i].name) == n - 5 && !strncmp(f->stacks[i].name, name, n - 5)) base = (int)i;
  if (base < 0 || (!f->stacks[base].resolved && resolve_stack(f, &f->stacks[base]))) return -1;
  f->stacks = jb_grow(f->ctx, f->stacks, &f->cap_stacks, f->n_stacks + 1, sizeof(jb_stack));
  jb_stack *d = &f->stacks[f->n_stacks];
  *d = f->stacks[base];
  d->name = jb_strdup(f->ctx, name);
  for (int k = 0; k < d->n_faces; k++) d->synth[k] = 1;
  return (int)f->n_stacks++;
}

int jb_fonts_stack(jb_fonts *f, const char *name) {
  cJSON *alias = cJSON_GetObjectItemCaseSensitive(f->config, "aliases");
  const char *target = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(alias, name));
  if (target) name = target;
  for (size_t i = 0; i < f->n_stacks; i++) {
    if (strcmp(f->stacks[i].name, name)) continue;
    if (!f->stacks[i].resolved && resolve_stack(f, &f->stacks[i])) return -1;
    return (int)i;
  }
  jb_status before = jb_ctx_status(f->ctx);
  int derived = derive_bold(f, name);
  if (derived >= 0) return derived;
  if (jb_ctx_status(f->ctx) != before) return -1; /* the base stack's font is missing: that error */
  jb_buf names;
  jb_buf_init(&names, f->ctx);
  for (size_t i = 0; i < f->n_stacks; i++) jb_buf_printf(&names, "%s%s", i ? ", " : "", f->stacks[i].name);
  jb_fail(f->ctx, JB_ERR_FONT, (jb_loc){f->config_path, 0, 0, -1, NULL},
          "unknown font stack '%s' (known: %s)", name, names.data ? names.data : "none");
  jb_buf_fini(&names);
  return -1;
}

void jb_fonts_face_info(jb_fonts *f, unsigned i, jb_face_info *out) {
  jb_face *fc = &f->faces[i];
  hb_font_extents_t ext;
  hb_font_get_h_extents(fc->font, &ext);
  hb_position_t cap = 0;
  hb_ot_metrics_get_position(fc->font, HB_OT_METRICS_TAG_CAP_HEIGHT, &cap);
  memset(out, 0, sizeof *out);
  out->ps_name = fc->ps_name;
  out->format = fc->format;
  out->upem = fc->upem;
  out->ascender = ext.ascender;
  out->descender = ext.descender;
  out->cap_height = cap ? cap : ext.ascender;
  out->bbox[0] = -fc->upem / 10;  /* conservative box; readers use it only for clipping hints */
  out->bbox[1] = ext.descender - fc->upem / 10;
  out->bbox[2] = fc->upem + fc->upem / 10;
  out->bbox[3] = ext.ascender + fc->upem / 10;
  out->serif = strstr(fc->family, "Serif") != NULL;
  out->fixed_pitch = strstr(fc->family, "Mono") != NULL;
}

int jb_fonts_glyph_advance(jb_fonts *f, unsigned i, uint32_t gid) {
  return hb_font_get_glyph_h_advance(f->faces[i].font, gid);
}

static FT_Face ft_face(jb_fonts *f, jb_face *fc) {
  if (fc->ft_face) return fc->ft_face;
  if (!f->ft_lib && FT_Init_FreeType((FT_Library *)&f->ft_lib)) return NULL;
  unsigned len;
  const char *data = hb_blob_get_data(fc->blob, &len);
  FT_Face face;
  if (FT_New_Memory_Face(f->ft_lib, (const FT_Byte *)data, (FT_Long)len, fc->index, &face)) return NULL;
  fc->ft_face = face;
  return face;
}

/* The charset read once, as cid + 1 per glyph; left at zeros for FreeType to
 * fill lazily when the reader does not take the table. */
static void load_charset(jb_fonts *f, jb_face *fc) {
  fc->cid_cache = jb_calloc(f->ctx, fc->n_glyphs, sizeof(uint32_t));
  hb_blob_t *cff = hb_face_reference_table(fc->face, HB_TAG('C', 'F', 'F', ' '));
  unsigned len;
  const unsigned char *data = (const unsigned char *)hb_blob_get_data(cff, &len);
  if (cff_charset(data, len, fc->n_glyphs, fc->cid_cache))
    for (unsigned g = 0; g < fc->n_glyphs; g++) fc->cid_cache[g]++;
  else
    memset(fc->cid_cache, 0, fc->n_glyphs * sizeof(uint32_t));
  hb_blob_destroy(cff);
}

uint32_t jb_fonts_glyph_cid(jb_fonts *f, unsigned i, uint32_t gid) {
  jb_face *fc = &f->faces[i];
  if (fc->format != JB_FONT_CFF_CID || gid >= fc->n_glyphs) return gid;
  if (!fc->cid_cache) load_charset(f, fc);
  if (fc->cid_cache[gid]) return fc->cid_cache[gid] - 1;
  FT_Face face = ft_face(f, fc);
  FT_UInt cid = gid;
  if (face) FT_Get_CID_From_Glyph_Index(face, gid, &cid);
  fc->cid_cache[gid] = cid + 1;
  return cid;
}

/* Only the tables a PDF embeds survive the subset: the bare CFF for CFF fonts,
 * the TrueType tables the PDF spec lists for glyf fonts. Skipping the rest
 * (cmap, GSUB, ...) also makes hb-subset ~30% faster on CJK fonts. */
static int pdf_needs_table(jb_font_format fmt, hb_tag_t tag) {
  static const char *const truetype[] = {"head", "hhea", "hmtx", "loca", "maxp", "glyf", "cvt ", "fpgm", "prep"};
  if (fmt != JB_FONT_TRUETYPE) return tag == HB_TAG('C', 'F', 'F', ' ');
  for (size_t i = 0; i < sizeof truetype / sizeof truetype[0]; i++)
    if (tag == HB_TAG(truetype[i][0], truetype[i][1], truetype[i][2], truetype[i][3])) return 1;
  return 0;
}

static void drop_tables(hb_subset_input_t *in, hb_face_t *face, jb_font_format fmt) {
  hb_set_t *drop = hb_subset_input_set(in, HB_SUBSET_SETS_DROP_TABLE_TAG);
  hb_tag_t tags[64];
  unsigned start = 0, n;
  do {
    n = 64;
    hb_face_get_table_tags(face, start, &n, tags);
    for (unsigned i = 0; i < n; i++)
      if (!pdf_needs_table(fmt, tags[i])) hb_set_add(drop, tags[i]);
    start += n;
  } while (n == 64);
}

/* hb-subset, given glyph IDs, first collects the font's whole cmap (44,000
 * entries in Noto CJK) to find their code points, though we drop the cmap:
 * 3-4 ms per CJK face. So it gets a second mapping of the file (private,
 * copy-on-write: only the page holding the table directory is copied) in which
 * the cmap entry has length 0. The subset is byte-for-byte the same. */
static uint32_t be32(const unsigned char *p) {
  return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

typedef struct mapping {
  jb_ctx *ctx;
  void *addr;
  size_t len;
} mapping;

static void unmap(void *user) {
  mapping *m = user;
  munmap(m->addr, m->len);
  jb_free(m->ctx, m);
}

/* Zeroes the length of the face's cmap in a private mapping; NULL if the file
 * is not what we expect (then the shaping face is used as it is). */
static hb_face_t *face_without_cmap(jb_ctx *ctx, jb_face *fc) {
  int fd = open(fc->file, O_RDONLY);
  if (fd < 0) return NULL;
  struct stat sb;
  unsigned char *m = MAP_FAILED;
  size_t len = 0;
  if (!fstat(fd, &sb) && sb.st_size >= 12) {
    len = (size_t)sb.st_size;
    m = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
  }
  close(fd);
  if (m == MAP_FAILED) return NULL;
  size_t off = 0;
  if (!memcmp(m, "ttcf", 4)) {
    uint32_t n = be32(m + 8);
    off = fc->index >= 0 && (uint32_t)fc->index < n && 16 + 4 * (size_t)fc->index <= len
              ? be32(m + 12 + 4 * (size_t)fc->index) : len;
  }
  int patched = 0;
  if (off + 12 <= len) {
    size_t n = (size_t)m[off + 4] << 8 | m[off + 5];
    for (size_t i = 0; i < n && off + 12 + 16 * (i + 1) <= len; i++) {
      unsigned char *rec = m + off + 12 + 16 * i;
      if (!memcmp(rec, "cmap", 4)) memset(rec + 12, 0, 4), patched = 1;
    }
  }
  if (!patched) {
    munmap(m, len);
    return NULL;
  }
  mapping *mp = jb_malloc(ctx, sizeof *mp);
  mp->ctx = ctx, mp->addr = m, mp->len = len;
  hb_blob_t *blob = hb_blob_create((const char *)m, (unsigned)len, HB_MEMORY_MODE_READONLY, mp, unmap);
  hb_face_t *face = hb_face_create(blob, (unsigned)fc->index);
  hb_blob_destroy(blob);
  return face;
}

static hb_face_t *subset_source(jb_fonts *f, jb_face *fc) {
  if (!fc->subset_face) fc->subset_face = face_without_cmap(f->ctx, fc);
  if (!fc->subset_face) fc->subset_face = hb_face_reference(fc->face);
  return fc->subset_face;
}

jb_status jb_fonts_subset(jb_fonts *f, unsigned i, const uint32_t *gids, size_t n, jb_subset *out) {
  jb_face *fc = &f->faces[i];
  memset(out, 0, sizeof *out);
  hb_subset_input_t *in = hb_subset_input_create_or_fail();
  if (!in) return jb_fail(f->ctx, JB_ERR_INTERNAL, JB_LOC_NONE, "hb-subset: out of memory");
  hb_set_t *glyphs = hb_subset_input_glyph_set(in);
  hb_set_add(glyphs, 0);
  for (size_t k = 0; k < n; k++) hb_set_add(glyphs, gids[k]);
  hb_subset_flags_t flags = HB_SUBSET_FLAGS_NO_HINTING;
  if (fc->format == JB_FONT_CFF_NAME) flags |= HB_SUBSET_FLAGS_RETAIN_GIDS;
  /* Desubroutinizing lets hb-subset drop CFF hints too: 11% smaller for Noto Serif CJK. */
  if (fc->format != JB_FONT_TRUETYPE) flags |= HB_SUBSET_FLAGS_DESUBROUTINIZE;
  hb_subset_input_set_flags(in, flags);
  drop_tables(in, fc->face, fc->format);
  hb_subset_plan_t *plan = hb_subset_plan_create_or_fail(subset_source(f, fc), in);
  hb_face_t *sub = plan ? hb_subset_plan_execute_or_fail(plan) : NULL;
  if (!sub) {
    hb_subset_plan_destroy(plan);
    hb_subset_input_destroy(in);
    return jb_fail(f->ctx, JB_ERR_FONT, (jb_loc){fc->file, 0, 0, -1, NULL},
                   "hb-subset could not subset font %s", fc->ps_name);
  }
  const hb_map_t *map = hb_subset_plan_old_to_new_glyph_mapping(plan);
  out->new_gid = jb_malloc(f->ctx, (n ? n : 1) * sizeof(uint32_t));
  for (size_t k = 0; k < n; k++) out->new_gid[k] = hb_map_get(map, gids[k]);
  hb_blob_t *blob = fc->format == JB_FONT_TRUETYPE ? hb_face_reference_blob(sub)
                                                   : hb_face_reference_table(sub, HB_TAG('C', 'F', 'F', ' '));
  unsigned len;
  const char *data = hb_blob_get_data(blob, &len);
  out->data = jb_malloc(f->ctx, len ? len : 1);
  memcpy(out->data, data, len);
  out->len = len;
  hb_blob_destroy(blob);
  hb_face_destroy(sub);
  hb_subset_plan_destroy(plan);
  hb_subset_input_destroy(in);
  return out->len ? JB_OK
                  : jb_fail(f->ctx, JB_ERR_FONT, JB_LOC_NONE, "hb-subset produced an empty font for %s",
                            fc->ps_name);
}

void jb_subset_fini(jb_fonts *f, jb_subset *s) {
  jb_free(f->ctx, s->data);
  jb_free(f->ctx, s->new_gid);
  memset(s, 0, sizeof *s);
}
