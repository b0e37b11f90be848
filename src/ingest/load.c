/* jb_doc_load: the format told by content (or forced), the encoding of text
 * and html (byte-order mark, meta charset, UTF-8 when valid, else GB 18030
 * with a warning), then the reader of the format. */
#include <string.h>
#include <strings.h>

#include "ingest/doc.h"

static jb_loc at(const char *name) { return (jb_loc){name, 0, 0, -1, NULL}; }

static int has_ext(const char *path, const char *ext) {
  size_t n = strlen(path), k = strlen(ext);
  return n > k && !strcasecmp(path + n - k, ext);
}

static int is_zip(const char *s, size_t n) {
  return n >= 4 && s[0] == 'P' && s[1] == 'K' && ((s[2] == 3 && s[3] == 4) || (s[2] == 5 && s[3] == 6));
}

/* An OLE compound file: an old binary .doc/.wps/.xls, or an encrypted docx
 * (Office keeps a password-protected docx in one, as the EncryptedPackage stream). */
static jb_status compound_file(jb_ctx *ctx, const char *name, const char *s, size_t n) {
  static const char enc[] = "E\0n\0c\0r\0y\0p\0t\0e\0d\0P\0a\0c\0k\0a\0g\0e\0";
  for (size_t i = 0; i + sizeof enc - 1 <= n; i++)
    if (s[i] == 'E' && !memcmp(s + i, enc, sizeof enc - 1))
      return jb_fail(ctx, JB_ERR_INPUT, at(name),
                     "a password-protected (encrypted) Office document; remove the password in Word or WPS and "
                     "save it again as .docx");
  return jb_fail(ctx, JB_ERR_INPUT, at(name),
                 "an old binary Word, WPS or Excel file (.doc, .wps, .xls: an OLE compound file), which is not read; "
                 "open it in Word or WPS and save it as .docx (or as .xlsx)");
}

/* HTML markup near the start: a doctype or an html, head, body or meta tag. */
static int looks_html(const char *s, size_t n) {
  size_t i = 0, lim = n < 2048 ? n : 2048;
  if (n >= 3 && !memcmp(s, "\xEF\xBB\xBF", 3)) i = 3;
  while (i < lim && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n')) i++;
  if (i >= lim || s[i] != '<') return 0;
  static const char *const tags[] = {"<!doctype html", "<html", "<head", "<body", "<meta", "<title"};
  for (size_t k = i; k < lim; k++) {
    if (s[k] != '<') continue;
    for (size_t t = 0; t < sizeof tags / sizeof tags[0]; t++) {
      size_t m = strlen(tags[t]);
      if (k + m <= n && !strncasecmp(s + k, tags[t], m)) return 1;
    }
  }
  return 0;
}

static jb_format sniff(jb_ctx *ctx, const char *name, const char *s, size_t n, jb_status *st) {
  *st = JB_OK;
  if (is_zip(s, n)) return JB_FMT_DOCX; /* or xlsx: told by the archive's parts */
  if (n >= 8 && !memcmp(s, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8)) return *st = compound_file(ctx, name, s, n), JB_FMT_AUTO;
  if (n >= 5 && !memcmp(s, "{\\rtf", 5)) {
    *st = jb_fail(ctx, JB_ERR_INPUT, at(name), "an RTF document, which is not read; save it as .docx");
    return JB_FMT_AUTO;
  }
  if (has_ext(name, ".docx") || has_ext(name, ".xlsx") || has_ext(name, ".docm")) {
    *st = jb_fail(ctx, JB_ERR_INPUT, at(name),
                  "named %s but not one: it does not begin with a ZIP signature (PK); if it is text, rename it or "
                  "pass --from text", strrchr(name, '.'));
    return JB_FMT_AUTO;
  }
  if (looks_html(s, n) || has_ext(name, ".html") || has_ext(name, ".htm")) return JB_FMT_HTML;
  if (has_ext(name, ".csv")) return JB_FMT_CSV;
  return JB_FMT_TEXT;
}

/* The charset a page declares in its first 4 KB (meta charset or http-equiv). */
static jb_encoding meta_charset(const char *s, size_t n) {
  size_t lim = n < 4096 ? n : 4096;
  for (size_t i = 0; i + 8 < lim; i++) {
    if (strncasecmp(s + i, "charset=", 8)) continue;
    const char *v = s + i + 8;
    while (*v == '"' || *v == '\'' || *v == ' ') v++;
    if (!strncasecmp(v, "gb", 2) || !strncasecmp(v, "x-gbk", 5)) return JB_ENC_GB18030;
    if (!strncasecmp(v, "utf-8", 5) || !strncasecmp(v, "utf8", 4)) return JB_ENC_UTF8;
    if (!strncasecmp(v, "utf-16", 6)) return JB_ENC_UTF16;
    return JB_ENC_AUTO;
  }
  return JB_ENC_AUTO;
}

/* Decodes when needed: *utf8 is then allocated (else NULL: data is used as it is). */
static jb_status decode(jb_ctx *ctx, const char *name, const char *s, size_t n, jb_encoding enc, int html,
                        char **utf8, size_t *len, const char **used) {
  const unsigned char *u = (const unsigned char *)s;
  const char *guess = NULL, *why = NULL;
  *utf8 = NULL, *len = n, *used = "UTF-8";
  int le = n >= 2 && u[0] == 0xFF && u[1] == 0xFE, be = n >= 2 && u[0] == 0xFE && u[1] == 0xFF;
  if (enc == JB_ENC_AUTO && (le || be)) enc = JB_ENC_UTF16;
  if (enc == JB_ENC_AUTO && n >= 3 && !memcmp(s, "\xEF\xBB\xBF", 3)) enc = JB_ENC_UTF8;
  if (enc == JB_ENC_AUTO && html) enc = meta_charset(s, n);
  if (enc == JB_ENC_AUTO) {
    size_t bad;
    int valid = jb_utf8_valid(s, n, &bad);
    guess = jb_guess_encoding(s, n, valid, &why);
    if (!guess && valid) return *used = "UTF-8 (checked)", JB_OK;
    if (!guess && jb_mostly_utf8(s, n)) return JB_OK; /* a stray byte: located as invalid UTF-8 */
    if (!guess) guess = "GB18030", why = "it is not UTF-8";
    jb_warn(ctx, at(name), "not UTF-8: read as %s (%s; GB18030 covers GBK and GB2312); pass --encoding to choose",
            guess, why);
    *used = guess;
    return jb_decode(ctx, name, s, n, guess, utf8, len);
  }
  if (enc == JB_ENC_UTF8) return JB_OK;
  if (enc == JB_ENC_GB18030) *used = "GB18030";
  else *used = be ? "UTF-16BE" : le ? "UTF-16LE" : (jb_guess_encoding(s, n, 0, &why) ? jb_guess_encoding(s, n, 0, &why) : "UTF-16LE");
  if (!strcmp(*used, "GB18030") && enc == JB_ENC_UTF16) *used = "UTF-16LE";
  return jb_decode(ctx, name, s, n, *used, utf8, len);
}

static jb_status read_zip(jb_ctx *ctx, const char *name, const char *s, size_t n, const jb_ingest_opts *o,
                          jb_format want, jb_doc **out) {
  jb_zip *z;
  jb_status st = jb_zip_open(ctx, name, s, n, &z);
  if (st) return st;
  int docx = jb_zip_has(z, "word/document.xml"), xlsx = jb_zip_has(z, "xl/workbook.xml");
  if (!jb_zip_has(z, "[Content_Types].xml"))
    st = jb_fail(ctx, JB_ERR_INPUT, at(name), "a ZIP archive without [Content_Types].xml: not a .docx or .xlsx%s",
                 jb_zip_has(z, "mimetype") ? " (an OpenDocument file? save it as .docx)" : "");
  else if (want == JB_FMT_XLSX || (want != JB_FMT_DOCX && xlsx && !docx))
    st = xlsx ? jb_read_xlsx(ctx, name, z, o, out)
              : jb_fail(ctx, JB_ERR_INPUT, at(name), "not an .xlsx workbook: the archive has no xl/workbook.xml");
  else if (docx || want == JB_FMT_DOCX)
    st = jb_read_docx(ctx, name, z, o, out);
  else
    st = jb_fail(ctx, JB_ERR_INPUT, at(name), "an Office archive that is neither a .docx nor an .xlsx (no "
                 "word/document.xml or xl/workbook.xml; a presentation?)");
  jb_zip_close(z);
  return st;
}

int jb_doc_plain_utf8(const char *path, const char *data, size_t len, const jb_ingest_opts *opts) {
  jb_ingest_opts o = opts ? *opts : JB_INGEST_DEFAULTS;
  const char *name = strcmp(path, "-") ? path : "<stdin>";
  if (o.from != JB_FMT_AUTO && o.from != JB_FMT_TEXT) return 0;
  if (o.encoding != JB_ENC_AUTO && o.encoding != JB_ENC_UTF8) return 0;
  size_t bad;
  if (!jb_utf8_valid(data, len, &bad) || memchr(data, 0, len)) return 0;
  if (o.from == JB_FMT_AUTO) {
    jb_ctx *quiet = jb_ctx_new(); /* sniff's refusals are jb_doc_load's to give */
    jb_status st;
    jb_format f = sniff(quiet, name, data, len, &st);
    jb_ctx_free(quiet);
    if (st || f != JB_FMT_TEXT) return 0;
  }
  const unsigned char *u = (const unsigned char *)data;
  if (o.encoding == JB_ENC_AUTO && len >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF)))
    return 0;
  const char *why;
  int bom = len >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3);
  return o.encoding == JB_ENC_UTF8 || bom || !jb_guess_encoding(data, len, 1, &why);
}

jb_status jb_doc_load(jb_ctx *ctx, const char *path, const jb_ingest_opts *opts, jb_doc **out) {
  char *data = NULL;
  size_t len = 0;
  *out = NULL;
  jb_status st = jb_read_file(ctx, path, &data, &len);
  if (st != JB_OK) return st;
  st = jb_doc_load_data(ctx, path, data, len, opts, out);
  jb_free(ctx, data);
  return st;
}

jb_status jb_doc_load_data(jb_ctx *ctx, const char *path, const char *data, size_t len, const jb_ingest_opts *opts,
                           jb_doc **out) {
  char *utf8 = NULL;
  size_t n;
  *out = NULL;
  jb_ingest_opts o = opts ? *opts : JB_INGEST_DEFAULTS;
  jb_status st = JB_OK;
  const char *name = strcmp(path, "-") ? path : "<stdin>";
  jb_format f = o.from;
  if (f == JB_FMT_AUTO) f = sniff(ctx, name, data, len, &st);
  if (f == JB_FMT_CSV && is_zip(data, len)) f = JB_FMT_XLSX, o.from = JB_FMT_AUTO; /* --data: a workbook */
  if (!st && (f == JB_FMT_DOCX || f == JB_FMT_XLSX)) {
    st = read_zip(ctx, name, data, len, &o, o.from, out);
  } else if (!st) {
    const char *enc;
    st = decode(ctx, name, data, len, o.encoding, f == JB_FMT_HTML, &utf8, &n, &enc);
    const char *text = utf8 ? utf8 : data;
    if (!st && f != JB_FMT_TEXT) st = jb_check_text(ctx, name, text, n);
    if (!st && f == JB_FMT_HTML) st = jb_read_html(ctx, name, text, n, &o, out);
    else if (!st && f == JB_FMT_CSV) st = jb_read_csv(ctx, name, text, n, &o, out);
    else if (!st && !strcmp(enc, "UTF-8 (checked)") && !memchr(text, 0, n)) /* validated once, not twice */
      st = jb_doc_make(ctx, path, text, n, &o, 0, out);
    else if (!st) st = jb_doc_from_text(ctx, path, text, n, &o, out);
    if (!st) (*out)->encoding = f == JB_FMT_CSV ? NULL : !strncmp(enc, "UTF-8", 5) ? "UTF-8" : enc;
  }
  jb_free(ctx, utf8);
  return st;
}
