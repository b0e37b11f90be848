/* ZIP archives (libzip) and XML parts (libxml2) of docx and xlsx files, read
 * defensively: corrupt, truncated and encrypted archives are refused, expanded
 * sizes and ratios are capped (zip bombs), and XML is parsed without DTDs,
 * entity substitution or network access (external entities, billion laughs). */
#include <libxml/parser.h>
#include <string.h>
#include <zip.h>

#include "ingest/doc.h"

struct jb_zip {
  jb_ctx *ctx;
  const char *name;
  zip_t *z;
  size_t total; /* bytes expanded so far, all entries */
};

#define JB_ZIP_RATIO 200        /* expanded / compressed, checked past the first MB */
#define JB_ZIP_FREE (1u << 20)  /* the first MB of an entry is never a bomb */

static jb_loc at(const char *name) { return (jb_loc){name, 0, 0, -1, NULL}; }

jb_status jb_zip_open(jb_ctx *ctx, const char *name, const char *data, size_t len, jb_zip **out) {
  *out = NULL;
  zip_error_t err;
  zip_error_init(&err);
  zip_source_t *src = zip_source_buffer_create(data, len, 0, &err);
  zip_t *z = src ? zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &err) : NULL;
  if (!z) {
    jb_status s = jb_fail(ctx, JB_ERR_INPUT, at(name), "not a readable ZIP archive: corrupt or truncated (%s)",
                          zip_error_strerror(&err));
    if (src) zip_source_free(src);
    zip_error_fini(&err);
    return s;
  }
  zip_error_fini(&err);
  zip_int64_t n = zip_get_num_entries(z, 0);
  for (zip_int64_t i = 0; i < n; i++) {
    zip_stat_t sb;
    if (zip_stat_index(z, (zip_uint64_t)i, 0, &sb) == 0 && (sb.valid & ZIP_STAT_ENCRYPTION_METHOD) &&
        sb.encryption_method != ZIP_EM_NONE) {
      zip_discard(z);
      return jb_fail(ctx, JB_ERR_INPUT, at(name),
                     "the archive is encrypted (entry %s); remove the password in Word or WPS and save it again",
                     sb.name ? sb.name : "?");
    }
  }
  jb_zip *j = jb_calloc(ctx, 1, sizeof *j);
  j->ctx = ctx, j->name = name, j->z = z;
  *out = j;
  return JB_OK;
}

int jb_zip_has(const jb_zip *z, const char *entry) { return zip_name_locate(z->z, entry, 0) >= 0; }

void jb_zip_close(jb_zip *z) {
  if (!z) return;
  zip_discard(z->z);
  jb_free(z->ctx, z);
}

static jb_status bomb(jb_zip *z, const char *entry, size_t got, zip_uint64_t comp) {
  return jb_fail(z->ctx, JB_ERR_LIMIT, at(z->name),
                 "%s expands to more than %zu bytes from %llu compressed (a zip bomb?); the limit is the input "
                 "limit (JB_MAX_INPUT_MB) and a ratio of %d:1", entry, got, (unsigned long long)comp, JB_ZIP_RATIO);
}

static jb_status read_entry(jb_zip *z, const char *entry, zip_int64_t idx, const zip_stat_t *sb, size_t cap,
                            jb_buf *b) {
  zip_uint64_t comp = (sb->valid & ZIP_STAT_COMP_SIZE) ? sb->comp_size : 0;
  if ((sb->valid & ZIP_STAT_SIZE) && sb->size > cap) return bomb(z, entry, (size_t)sb->size, comp);
  zip_file_t *f = zip_fopen_index(z->z, (zip_uint64_t)idx, 0);
  if (!f)
    return jb_fail(z->ctx, JB_ERR_INPUT, at(z->name), "cannot read %s: %s", entry, zip_strerror(z->z));
  for (;;) { /* the sizes in the headers may lie: count what comes out */
    jb_buf_reserve(b, 65536);
    zip_int64_t k = zip_fread(f, b->data + b->len, 65536);
    if (k < 0) {
      jb_status s = jb_fail(z->ctx, JB_ERR_INPUT, at(z->name), "corrupt or truncated ZIP archive: cannot read %s (%s)",
                            entry, zip_error_strerror(zip_file_get_error(f)));
      zip_fclose(f);
      return s;
    }
    if (k == 0) break;
    b->len += (size_t)k;
    z->total += (size_t)k;
    if (b->len > cap || z->total > 2 * cap ||
        (b->len > JB_ZIP_FREE && b->len / (comp ? comp : 1) > JB_ZIP_RATIO)) {
      zip_fclose(f);
      return bomb(z, entry, b->len, comp);
    }
  }
  zip_fclose(f);
  return JB_OK;
}

jb_status jb_zip_read(jb_zip *z, const char *entry, int required, char **out, size_t *n) {
  *out = NULL, *n = 0;
  zip_int64_t idx = zip_name_locate(z->z, entry, 0);
  if (idx < 0) {
    if (!required) return JB_OK;
    return jb_fail(z->ctx, JB_ERR_INPUT, at(z->name), "the archive has no %s", entry);
  }
  zip_stat_t sb;
  zip_stat_init(&sb);
  if (zip_stat_index(z->z, (zip_uint64_t)idx, 0, &sb) != 0)
    return jb_fail(z->ctx, JB_ERR_INPUT, at(z->name), "cannot read %s: %s", entry, zip_strerror(z->z));
  const char *why;
  size_t cap = jb_ctx_max_input(z->ctx, &why);
  if (!cap) cap = (size_t)JB_MAX_INPUT_MB_DEFAULT << 20;
  jb_buf b;
  jb_buf_init(&b, z->ctx);
  return jb_buf_take(&b, read_entry(z, entry, idx, &sb, cap, &b), out, n);
}

/* Markup that declares a DTD or an entity: never parsed. A literal "<!" in text
 * is written &lt;! in XML, so this only finds declarations (or a comment or
 * CDATA section quoting one, which an Office part never holds). */
static const char *declaration(const char *s, size_t n) {
  static const char *const marks[] = {"<!DOCTYPE", "<!ENTITY"};
  for (size_t m = 0; m < 2; m++) {
    size_t k = strlen(marks[m]);
    for (const char *p = s; (p = memchr(p, '<', (size_t)(s + n - p))) != NULL; p++)
      if ((size_t)(s + n - p) >= k && !memcmp(p, marks[m], k)) return marks[m];
  }
  return NULL;
}

jb_status jb_xml_read(jb_ctx *ctx, const char *name, const char *part, const char *data, size_t n, void **doc) {
  *doc = NULL;
  const char *decl = declaration(data, n);
  if (decl)
    return jb_fail(ctx, JB_ERR_INPUT, (jb_loc){name, 0, 0, -1, part},
                   "a document type or entity declaration (%s); DTDs and entities are never read", decl);
  if (n > (size_t)0x7FFFFFFF) return jb_fail(ctx, JB_ERR_LIMIT, at(name), "%s is larger than 2 GB", part);
  xmlParserCtxtPtr pc = xmlNewParserCtxt();
  if (!pc) return jb_fail(ctx, JB_ERR_INTERNAL, at(name), "cannot start the XML parser");
  xmlDocPtr d = xmlCtxtReadMemory(pc, data, (int)n, part, NULL,
                                  XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  jb_status s = JB_OK;
  if (!d) {
    const xmlError *e = &pc->lastError;
    char msg[200];
    snprintf(msg, sizeof msg, "%s", e->message ? e->message : "unknown error");
    size_t k = strlen(msg);
    while (k && (msg[k - 1] == '\n' || msg[k - 1] == ' ')) msg[--k] = 0;
    char where[300];
    snprintf(where, sizeof where, "%s:%d:%d", part, e->line, e->int2);
    s = jb_fail(ctx, JB_ERR_INPUT, (jb_loc){name, 0, 0, -1, where}, "malformed XML: %s", msg);
  }
  xmlFreeParserCtxt(pc);
  *doc = d;
  return s;
}
