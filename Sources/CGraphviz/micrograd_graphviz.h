// Rendering one DOT graph through libgvc, in this process or in a forked child process.
//
// Everything here is `static inline`: a system-library module has no C files of its own. Only
// Sources/MicrogradViz/Rendering/GraphvizRenderCore.swift calls these functions, so each process
// has one copy of their static state.
#ifndef MICROGRAD_GRAPHVIZ_H
#define MICROGRAD_GRAPHVIZ_H

#include <graphviz/gvc.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <unistd.h>

// MARK: - Reading DOT with sequential object IDs

// cgraph's default ID discipline uses the address of each name's string as the object's ID, and
// keeps subgraphs ordered by ID. The order of clusters, and with it the layout, then depends on
// where malloc put those strings: the same graph drew differently the second time in a process.
// This discipline gives every object the next number instead (names go to cgraph's internal map),
// so objects keep the order in which the text declares them, in any process.

typedef struct {
    IDTYPE next;
} micrograd_id_state;

static inline void *micrograd_id_open(Agraph_t *graph, Agdisc_t *discipline) {
    (void)graph;
    (void)discipline;
    micrograd_id_state *state = (micrograd_id_state *)malloc(sizeof *state);
    if (state) state->next = 3;  // `dot` calls its first anonymous graph %3; so do we.
    return state;
}

static inline long micrograd_id_map(void *state, int kind, char *name, IDTYPE *id, int create) {
    (void)kind;
    (void)create;
    if (name) return 0;  // cgraph then asks for an anonymous ID and maps the name to it
    micrograd_id_state *ids = (micrograd_id_state *)state;
    *id = ids->next;
    ids->next += 2;
    return 1;
}

static inline long micrograd_id_alloc(void *state, int kind, IDTYPE id) {
    (void)state;
    (void)kind;
    (void)id;
    return 0;  // no caller-chosen IDs
}

static inline void micrograd_id_free(void *state, int kind, IDTYPE id) {
    (void)state;
    (void)kind;
    (void)id;
}

static inline char *micrograd_id_print(void *state, int kind, IDTYPE id) {
    (void)state;
    (void)kind;
    (void)id;
    return NULL;  // names come from cgraph's internal map
}

static inline void micrograd_id_close(void *state) { free(state); }

static inline void micrograd_id_register(void *state, int kind, void *object) {
    (void)state;
    (void)kind;
    (void)object;
}

static Agiddisc_t micrograd_id_discipline = {
    micrograd_id_open, micrograd_id_map,   micrograd_id_alloc,    micrograd_id_free,
    micrograd_id_print, micrograd_id_close, micrograd_id_register,
};

/// DOT text in memory, handed to cgraph's reader one line at a time (as agmemread does).
typedef struct {
    const char *text;
    size_t length;
    size_t position;
} micrograd_reader;

static inline int micrograd_read(void *channel, char *buffer, int size) {
    micrograd_reader *reader = (micrograd_reader *)channel;
    int count = 0;
    while (count < size && reader->position < reader->length) {
        char c = reader->text[reader->position++];
        buffer[count++] = c;
        if (c == '\n') break;
    }
    return count;
}

static inline int micrograd_put(void *channel, const char *text) {
    (void)channel;
    (void)text;
    return 0;
}

static inline int micrograd_flush(void *channel) {
    (void)channel;
    return 0;
}

static Agiodisc_t micrograd_io_discipline = {micrograd_read, micrograd_put, micrograd_flush};

static Agdisc_t micrograd_discipline = {&AgMemDisc, &micrograd_id_discipline, &micrograd_io_discipline};

// Exported by libcgraph, not declared in its headers.
extern int aginternalmapdelete(Agraph_t *graph, int kind, IDTYPE id);

/// Closes a root graph read with micrograd_discipline. cgraph frees the internal-map entries of
/// nodes and subgraphs as it deletes them, but not the root graph's own (70 bytes a render).
static inline void micrograd_close_graph(Agraph_t *graph) {
    aginternalmapdelete(graph, AGRAPH, AGID(graph));
    agclose(graph);
}

// MARK: - Graphviz 2.42's double free

// Graphviz 2.42's dot layout grows a rank's node list with realloc when it places a labelled edge
// between nodes of one rank (flat_edges -> make_vn_slot), but keeps the old pointer in the rank's
// `av` field, which gvFreeLayout then frees a second time: heap corruption and an abort some
// renders later. Pointing `av` at the live list before freeing the layout fixes it.
static inline void micrograd_repair_rank_lists(Agraph_t *graph) {
    if (!AGDATA(graph) || !GD_rank(graph)) return;
    for (int rank = GD_minrank(graph); rank <= GD_maxrank(graph); rank++) {
        rank_t *entry = &GD_rank(graph)[rank];
        if (entry->av != entry->v) entry->av = entry->v;
    }
}

// MARK: - Checks on untrusted DOT

/// Why a check refused a graph: a sentence for the user.
typedef struct {
    char text[1024];
} micrograd_explanation;

static inline void micrograd_explain(micrograd_explanation *explanation, const char *format, const char *a,
                                     const char *b, const char *c) {
    snprintf(explanation->text, sizeof explanation->text, format, a, b, c);
}

/// Attributes that make Graphviz read local files (images, shapes, fonts, style sheets) or draw
/// xdot operations (which can embed images).
static inline int micrograd_is_file_reading(const char *name) {
    static const char *const names[] = {"image", "shapefile", "imagepath", "fontpath", "stylesheet", "_background"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        if (strcmp(name, names[i]) == 0) return 1;
    }
    return 0;
}

/// URL, href, target and their edge/head/tail/label forms: Graphviz writes these into SVG without
/// escaping quotes, and a `javascript:` link runs script where the SVG is inlined in a page.
static inline int micrograd_is_link(const char *name) {
    size_t length = strlen(name);
    static const char *const suffixes[] = {"url", "href", "target"};
    for (size_t i = 0; i < 3; i++) {
        size_t suffix = strlen(suffixes[i]);
        if (length >= suffix && strcasecmp(name + length - suffix, suffixes[i]) == 0) return 1;
    }
    return 0;
}

/// Whether a link is safe to write into SVG: no characters that end an XML attribute or start
/// Graphviz's \N-style substitutions, no whitespace or control characters (which browsers strip
/// from schemes), and a scheme, if any, of http, https, mailto or ftp.
static inline int micrograd_link_is_safe(const char *value, size_t length) {
    size_t scheme_end = 0;
    int ended = 0;
    for (size_t i = 0; i < length; i++) {
        unsigned char c = (unsigned char)value[i];
        if (c <= 0x20 || c == 0x7f || c == '"' || c == '\'' || c == '<' || c == '>' || c == '\\' || c == '`')
            return 0;
        if (!ended) {
            if (c == ':') {
                scheme_end = i;
                ended = 1;
            } else if (c == '/' || c == '?' || c == '#') {
                ended = 1;
            }
        }
    }
    if (scheme_end == 0) return 1;  // relative: no scheme
    static const char *const schemes[] = {"http", "https", "mailto", "ftp"};
    for (size_t i = 0; i < 4; i++) {
        if (strlen(schemes[i]) == scheme_end && strncasecmp(value, schemes[i], scheme_end) == 0) return 1;
    }
    return 0;
}

/// Font names go into SVG's font-family attribute without escaping: no quotes, angle brackets,
/// ampersands, backslashes or control characters.
static inline int micrograd_is_font(const char *name) {
    size_t length = strlen(name);
    return (length >= 8 && strcasecmp(name + length - 8, "fontname") == 0) || strcasecmp(name, "face") == 0;
}

static inline int micrograd_font_is_safe(const char *value, size_t length) {
    for (size_t i = 0; i < length; i++) {
        unsigned char c = (unsigned char)value[i];
        if (c < 0x20 || c == 0x7f || c == '"' || c == '\'' || c == '<' || c == '>' || c == '&' || c == '\\') return 0;
    }
    return 1;
}

/// Decodes XML entities of an HTML-like label's attribute value into `out` (NUL-terminated).
static inline size_t micrograd_decode_entities(const char *value, size_t length, char *out, size_t capacity) {
    size_t used = 0;
    for (size_t i = 0; i < length && used + 4 < capacity;) {
        if (value[i] != '&') {
            out[used++] = value[i++];
            continue;
        }
        size_t end = i + 1;
        while (end < length && end < i + 12 && value[end] != ';') end++;
        if (end >= length || value[end] != ';') {
            out[used++] = value[i++];
            continue;
        }
        const char *entity = value + i + 1;
        size_t size = end - i - 1;
        long code = -1;
        if (size > 1 && entity[0] == '#') {
            char digits[16] = {0};
            memcpy(digits, entity + 1, size - 1 < 15 ? size - 1 : 15);
            code = (digits[0] == 'x' || digits[0] == 'X') ? strtol(digits + 1, NULL, 16) : strtol(digits, NULL, 10);
        } else if (size == 3 && strncmp(entity, "amp", 3) == 0) {
            code = '&';
        } else if (size == 2 && strncmp(entity, "lt", 2) == 0) {
            code = '<';
        } else if (size == 2 && strncmp(entity, "gt", 2) == 0) {
            code = '>';
        } else if (size == 4 && strncmp(entity, "quot", 4) == 0) {
            code = '"';
        } else if (size == 4 && strncmp(entity, "apos", 4) == 0) {
            code = '\'';
        }
        // Anything else (other named entities, code points beyond ASCII) cannot form a scheme or
        // end an attribute; keep a placeholder that the link check refuses if it is a control.
        out[used++] = (code >= 0 && code < 0x80) ? (char)code : (code >= 0x80 ? 'x' : '&');
        i = end + 1;
    }
    out[used] = 0;
    return used;
}

/// Checks an HTML-like label: no <IMG> (it reads files), and safe HREF and TARGET values.
/// Returns 0 when it is safe.
static inline int micrograd_check_html_label(const char *label, const char *owner, micrograd_explanation *why) {
    const char *p = label;
    while ((p = strchr(p, '<')) != NULL) {
        p++;
        while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '/') p++;
        const char *name = p;
        while ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')) p++;
        size_t name_length = (size_t)(p - name);
        if (name_length == 3 && strncasecmp(name, "img", 3) == 0) {
            micrograd_explain(why, "the HTML label of %s has an <IMG> element, which reads a file from disk%s%s", owner,
                              "", "");
            return 1;
        }
        // Attributes up to the end of the tag.
        while (*p && *p != '>') {
            while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') p++;
            const char *attribute = p;
            while (*p && *p != '=' && *p != '>' && *p != ' ' && *p != '\t' && *p != '\n' && *p != '\r') p++;
            size_t attribute_length = (size_t)(p - attribute);
            while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') p++;
            if (*p != '=') {
                if (*p && *p != '>') p++;
                continue;
            }
            p++;
            while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') p++;
            char quote = *p;
            if (quote != '"' && quote != '\'') continue;
            const char *value = ++p;
            while (*p && *p != quote) p++;
            size_t value_length = (size_t)(p - value);
            if (*p) p++;
            char copy[64];
            size_t copied = attribute_length < sizeof copy - 1 ? attribute_length : sizeof copy - 1;
            memcpy(copy, attribute, copied);
            copy[copied] = 0;
            if (micrograd_is_font(copy)) {
                char decoded[4096];
                size_t decoded_length = micrograd_decode_entities(value, value_length, decoded, sizeof decoded);
                if (value_length >= sizeof decoded / 2 || !micrograd_font_is_safe(decoded, decoded_length)) {
                    micrograd_explain(why,
                                      "the HTML label of %s has %s=\"%.200s\": font names must not contain quotes, "
                                      "angle brackets, ampersands or backslashes",
                                      owner, copy, decoded);
                    return 1;
                }
            }
            if (micrograd_is_link(copy)) {
                char decoded[4096];
                size_t decoded_length = micrograd_decode_entities(value, value_length, decoded, sizeof decoded);
                if (value_length >= sizeof decoded / 2 || !micrograd_link_is_safe(decoded, decoded_length)) {
                    micrograd_explain(why,
                                      "the HTML label of %s has %s=\"%.200s\": links must be plain http(s), mailto or "
                                      "ftp addresses or relative paths, without quotes, spaces or backslashes",
                                      owner, copy, decoded);
                    return 1;
                }
            }
        }
    }
    return 0;
}

/// Describes an object for a message: `node "a"`, `edge "a" -> "b"`, `graph "g"`.
static inline void micrograd_describe(void *object, char *out, size_t size) {
    switch (AGTYPE(object)) {
        case AGRAPH:
            snprintf(out, size, "graph \"%.200s\"", agnameof(object));
            break;
        case AGNODE:
            snprintf(out, size, "node \"%.200s\"", agnameof(object));
            break;
        default:
            snprintf(out, size, "edge \"%.200s\" -> \"%.200s\"", agnameof(agtail((Agedge_t *)object)),
                     agnameof(aghead((Agedge_t *)object)));
            break;
    }
}

/// Checks one object's value of one attribute. Returns 0 when it is safe.
static inline int micrograd_check_value(void *object, Agsym_t *symbol, micrograd_explanation *why) {
    char *value = agxget(object, symbol);
    if (!value || !*value) return 0;
    char owner[512];
    micrograd_describe(object, owner, sizeof owner);
    if (micrograd_is_file_reading(symbol->name)) {
        micrograd_explain(why, "%s sets %s=\"%.200s\", which makes Graphviz read files from disk", owner,
                          symbol->name, value);
        return 1;
    }
    if (micrograd_is_link(symbol->name) && !micrograd_link_is_safe(value, strlen(value))) {
        micrograd_explain(why,
                          "%s sets %s=\"%.200s\": links must be plain http(s), mailto or ftp addresses or relative "
                          "paths, without quotes, spaces or backslashes",
                          owner, symbol->name, value);
        return 1;
    }
    if (micrograd_is_font(symbol->name) && !micrograd_font_is_safe(value, strlen(value))) {
        micrograd_explain(why,
                          "%s sets %s=\"%.200s\": font names must not contain quotes, angle brackets, ampersands "
                          "or backslashes",
                          owner, symbol->name, value);
        return 1;
    }
    if (aghtmlstr(value) && micrograd_check_html_label(value, owner, why)) return 1;
    return 0;
}

/// Whether an attribute needs looking at: file-reading ones, links, and labels (HTML labels).
static inline int micrograd_is_checked(const char *name) {
    if (micrograd_is_file_reading(name) || micrograd_is_link(name) || micrograd_is_font(name)) return 1;
    size_t length = strlen(name);
    return length >= 5 && strcmp(name + length - 5, "label") == 0;
}

static inline int micrograd_check_graph_values(Agraph_t *graph, micrograd_explanation *why) {
    for (Agsym_t *symbol = agnxtattr(graph, AGRAPH, NULL); symbol; symbol = agnxtattr(graph, AGRAPH, symbol)) {
        if (micrograd_is_checked(symbol->name) && micrograd_check_value(graph, symbol, why)) return 1;
    }
    for (Agraph_t *child = agfstsubg(graph); child; child = agnxtsubg(child)) {
        if (micrograd_check_graph_values(child, why)) return 1;
    }
    return 0;
}

/// Refuses graphs that read local files or carry script-bearing links. Returns 0 when it is safe.
static inline int micrograd_check_untrusted(Agraph_t *graph, micrograd_explanation *why) {
    if (micrograd_check_graph_values(graph, why)) return 1;
    int node_checks = 0, edge_checks = 0;
    for (Agsym_t *s = agnxtattr(graph, AGNODE, NULL); s; s = agnxtattr(graph, AGNODE, s))
        node_checks |= micrograd_is_checked(s->name);
    for (Agsym_t *s = agnxtattr(graph, AGEDGE, NULL); s; s = agnxtattr(graph, AGEDGE, s))
        edge_checks |= micrograd_is_checked(s->name);
    if (!node_checks && !edge_checks) return 0;
    for (Agnode_t *node = agfstnode(graph); node; node = agnxtnode(graph, node)) {
        if (node_checks) {
            for (Agsym_t *s = agnxtattr(graph, AGNODE, NULL); s; s = agnxtattr(graph, AGNODE, s)) {
                if (micrograd_is_checked(s->name) && micrograd_check_value(node, s, why)) return 1;
            }
        }
        if (edge_checks) {
            for (Agedge_t *edge = agfstout(graph, node); edge; edge = agnxtout(graph, edge)) {
                for (Agsym_t *s = agnxtattr(graph, AGEDGE, NULL); s; s = agnxtattr(graph, AGEDGE, s)) {
                    if (micrograd_is_checked(s->name) && micrograd_check_value(edge, s, why)) return 1;
                }
            }
        }
    }
    return 0;
}

// MARK: - The size of the drawing

/// The drawing's width and height in output pixels (points scaled by dpi/72), computed as
/// Graphviz's emit.c does from the layout's bounding box, `pad`, `size` (with `!`), `viewport`,
/// `margin` and `dpi`, with `device_dpi` when the graph sets no dpi (96 for PNG, 72 otherwise).
static inline void micrograd_canvas(Agraph_t *graph, double device_dpi, double *width, double *height, double *dpi) {
    boxf box = GD_bb(graph);
    double pad_x = 4, pad_y = 4;
    char *pad = agget(graph, "pad");
    if (pad && *pad) {
        double x = 0, y = 0;
        int count = sscanf(pad, "%lf,%lf", &x, &y);
        if (count >= 1) pad_x = pad_y = x * 72;
        if (count == 2) pad_y = y * 72;
    }
    double x = (box.UR.x - box.LL.x) + 2 * pad_x;
    double y = (box.UR.y - box.LL.y) + 2 * pad_y;
    double zoom = 1;
    layout_t *drawing = GD_drawing(graph);
    if (drawing && drawing->size.x > 0.001 && drawing->size.y > 0.001) {
        double size_x = drawing->size.x, size_y = drawing->size.y;
        if (x == 0) x = size_x;
        if (y == 0) y = size_y;
        if (size_x < x || size_y < y || (drawing->filled && size_x > x && size_y > y))
            zoom = (size_x / x < size_y / y) ? size_x / x : size_y / y;
    }
    x *= zoom;
    y *= zoom;
    char *viewport = agget(graph, "viewport");
    if (viewport && *viewport) {
        double vx = 0, vy = 0, vz = 1;
        int count = sscanf(viewport, "%lf,%lf,%lf", &vx, &vy, &vz);
        if (count >= 2) {
            x = vx;
            y = vy;
        }
    }
    if (drawing) {
        x += 2 * drawing->margin.x;
        y += 2 * drawing->margin.y;
    }
    double resolution = (drawing && drawing->dpi > 0) ? drawing->dpi : device_dpi;
    *dpi = resolution;
    *width = x * resolution / 72;
    *height = y * resolution / 72;
}

// MARK: - One render

/// What one render is asked to do.
typedef struct {
    const char *text;  // the DOT text; no NUL bytes inside
    size_t length;
    const char *layout;
    const char *format;
    int checks_untrusted;  // refuse file-reading attributes and unsafe links
    int checks_canvas;     // refuse drawings over the limits below
    double device_dpi;
    double maximum_dpi;
    double maximum_side;
    double maximum_pixels;
} micrograd_render_request;

/// How a render ended. The numbers travel from the render process to its parent.
enum {
    MICROGRAD_RENDERED = 0,
    MICROGRAD_SYNTAX = 1,         // not DOT, or not exactly one graph
    MICROGRAD_INVALID_GRAPH = 2,  // read, but Graphviz counted errors (bad labels)
    MICROGRAD_LAYOUT = 3,
    MICROGRAD_RENDER = 4,
    MICROGRAD_UNSAFE = 5,  // a file-reading attribute or an unsafe link
    MICROGRAD_LIMIT = 6,   // over a size limit
};

/// Reads, checks, lays out and renders one graph. On MICROGRAD_RENDERED, `*data`/`*length` hold the
/// image (free it with gvFreeRenderData). With `cleanup`, frees everything else too; without, leaves
/// it to the end of the (render) process.
static inline int micrograd_render_graph(GVC_t *gvc, const micrograd_render_request *request, int cleanup,
                                         char **data, unsigned int *length, micrograd_explanation *why) {
    why->text[0] = 0;
    *data = NULL;
    *length = 0;
    micrograd_reader reader = {request->text, request->length, 0};
    agreseterrors();
    // cgraph counts lines in a global that only agsetfile resets: without it, a syntax error is
    // reported further down by the lines of every graph read before in this process.
    agsetfile(NULL);  // and no file name: messages name the input themselves
    Agraph_t *graph = agread(&reader, &micrograd_discipline);
    if (!graph) {
        if (agerrors() == 0) micrograd_explain(why, "the text holds no graph%s%s%s", "", "", "");
        return MICROGRAD_SYNTAX;
    }
    // Exactly one graph, and nothing after its closing brace but spaces and comments.
    Agraph_t *extra = agread(&reader, &micrograd_discipline);
    if (extra || agerrors() > 0) {
        if (extra) {
            micrograd_explain(why, "the text holds more than one graph; give one graph per file%s%s%s", "", "", "");
            if (cleanup) micrograd_close_graph(extra);
        } else {
            micrograd_explain(why, "there is text after the graph's closing '}'%s%s%s", "", "", "");
        }
        if (cleanup) micrograd_close_graph(graph);
        return MICROGRAD_SYNTAX;
    }
    if (request->checks_untrusted && micrograd_check_untrusted(graph, why)) {
        if (cleanup) micrograd_close_graph(graph);
        return MICROGRAD_UNSAFE;
    }
    if (gvLayout(gvc, graph, request->layout) != 0) {
        if (cleanup) micrograd_close_graph(graph);
        return MICROGRAD_LAYOUT;
    }
    int is_dot = strcmp(request->layout, "dot") == 0;
    if (request->checks_canvas) {
        double width = 0, height = 0, dpi = 0;
        micrograd_canvas(graph, request->device_dpi, &width, &height, &dpi);
        char numbers[3][64];
        if (dpi > request->maximum_dpi) {
            snprintf(numbers[0], sizeof numbers[0], "%.0f", dpi);
            snprintf(numbers[1], sizeof numbers[1], "%.0f", request->maximum_dpi);
            micrograd_explain(why, "the graph asks for %s dpi, over the limit of %s%s", numbers[0], numbers[1], "");
        } else if (!(width <= request->maximum_side && height <= request->maximum_side &&
                     width * height <= request->maximum_pixels)) {
            snprintf(numbers[0], sizeof numbers[0], "%.0f x %.0f", width, height);
            snprintf(numbers[1], sizeof numbers[1], "%.0f", request->maximum_side);
            snprintf(numbers[2], sizeof numbers[2], "%.0f", request->maximum_pixels);
            micrograd_explain(why,
                              "the drawing would be %s pixels; the limits are %s pixels a side and %s pixels in "
                              "all (check the graph's size, dpi, viewport and node sizes)",
                              numbers[0], numbers[1], numbers[2]);
        }
        if (why->text[0]) {
            if (cleanup) {
                if (is_dot) micrograd_repair_rank_lists(graph);
                gvFreeLayout(gvc, graph);
                micrograd_close_graph(graph);
            }
            return MICROGRAD_LIMIT;
        }
    }
    int status = gvRenderData(gvc, graph, request->format, data, length);
    int errors = agerrors();
    if (cleanup) {
        if (is_dot) micrograd_repair_rank_lists(graph);
        gvFreeLayout(gvc, graph);
        micrograd_close_graph(graph);
    }
    if (status != 0 || !*data) {
        if (*data && cleanup) gvFreeRenderData(*data);
        *data = NULL;
        return MICROGRAD_RENDER;
    }
    // Bad record or HTML labels still return 0 above; only the error count shows them.
    if (errors > 0) return MICROGRAD_INVALID_GRAPH;
    return MICROGRAD_RENDERED;
}

// MARK: - The render process

// glibc has pipe2; <unistd.h> declares it only with _GNU_SOURCE.
extern int pipe2(int descriptors[2], int flags);

/// A pipe whose ends are closed on exec (so programs other threads start do not hold them).
static inline int micrograd_pipe(int descriptors[2]) { return pipe2(descriptors, O_CLOEXEC); }

/// The render process's exit status when Graphviz itself called exit().
#define MICROGRAD_GRAPHVIZ_EXITED 113

/// Header of the one message the render process sends on its data pipe.
typedef struct {
    uint32_t magic;  // 'MGR1'
    int32_t outcome;
    uint64_t length;  // bytes that follow: the image, or the explanation
} micrograd_render_header;

#define MICROGRAD_RENDER_MAGIC 0x3152474du

static inline int micrograd_write_all(int fd, const void *bytes, size_t count) {
    const char *p = (const char *)bytes;
    while (count > 0) {
        ssize_t written = write(fd, p, count);
        if (written < 0) {
            if (errno == EINTR) continue;
            return -1;
        }
        p += written;
        count -= (size_t)written;
    }
    return 0;
}

static inline int micrograd_child_message(char *message) {
    if (message) micrograd_write_all(STDERR_FILENO, message, strlen(message));
    return 0;
}

static inline void micrograd_child_exit_hook(void) { _exit(MICROGRAD_GRAPHVIZ_EXITED); }

/// Private writable memory of this process in bytes (what RLIMIT_DATA counts), from /proc.
static inline long long micrograd_data_bytes(void) {
    int fd = open("/proc/self/statm", O_RDONLY | O_CLOEXEC);
    if (fd < 0) return -1;
    char text[256];
    ssize_t count = read(fd, text, sizeof text - 1);
    close(fd);
    if (count <= 0) return -1;
    text[count] = 0;
    long long fields[7] = {0};
    if (sscanf(text, "%lld %lld %lld %lld %lld %lld", &fields[0], &fields[1], &fields[2], &fields[3], &fields[4],
               &fields[5]) != 6)
        return -1;
    return fields[5] * (long long)sysconf(_SC_PAGESIZE);
}

/// The render process: limits, then one render, then the result on `data_fd`; never returns.
static inline void micrograd_render_child(GVC_t *gvc, const micrograd_render_request *request, int data_fd,
                                          int message_fd, pid_t parent, long long memory_limit, long cpu_seconds) {
    // The parent's handlers (crash reporters, interrupt cleanup) are not ours to run.
    static const int signals[] = {SIGINT,  SIGTERM, SIGHUP,  SIGQUIT, SIGPIPE, SIGSEGV, SIGBUS, SIGABRT,
                                  SIGILL,  SIGFPE,  SIGTRAP, SIGXCPU, SIGXFSZ, SIGSYS,  SIGALRM, SIGUSR1,
                                  SIGUSR2, SIGCHLD};
    struct sigaction fallback;
    memset(&fallback, 0, sizeof fallback);
    fallback.sa_handler = SIG_DFL;
    sigemptyset(&fallback.sa_mask);
    for (size_t i = 0; i < sizeof signals / sizeof signals[0]; i++) sigaction(signals[i], &fallback, NULL);
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != parent) _exit(MICROGRAD_GRAPHVIZ_EXITED);
    struct rlimit no_core = {0, 0};
    setrlimit(RLIMIT_CORE, &no_core);
    if (memory_limit > 0) {
        long long used = micrograd_data_bytes();
        if (used > 0) {
            struct rlimit data = {(rlim_t)(used + memory_limit), (rlim_t)(used + memory_limit)};
            setrlimit(RLIMIT_DATA, &data);
        }
    }
    if (cpu_seconds > 0) {
        struct rlimit cpu = {(rlim_t)cpu_seconds, (rlim_t)cpu_seconds + 1};
        setrlimit(RLIMIT_CPU, &cpu);
    }
    dup2(message_fd, STDOUT_FILENO);
    dup2(message_fd, STDERR_FILENO);
    atexit(micrograd_child_exit_hook);  // runs before any other exit handler: no stdio is flushed twice
    agseterrf(micrograd_child_message);

    char *data = NULL;
    unsigned int length = 0;
    micrograd_explanation why;
    int outcome = micrograd_render_graph(gvc, request, 0, &data, &length, &why);
    micrograd_render_header header = {MICROGRAD_RENDER_MAGIC, outcome, 0};
    if (outcome == MICROGRAD_RENDERED) {
        header.length = length;
        if (micrograd_write_all(data_fd, &header, sizeof header) == 0) micrograd_write_all(data_fd, data, length);
    } else {
        header.length = strlen(why.text);
        if (micrograd_write_all(data_fd, &header, sizeof header) == 0)
            micrograd_write_all(data_fd, why.text, header.length);
    }
    // The parent sees the end of both pipes now, not after the kernel has torn down this process.
    close(data_fd);
    close(message_fd);
    close(STDOUT_FILENO);
    close(STDERR_FILENO);
    _exit(0);
}

/// Forks a render process that renders `request` and reports on `data_fd` (the image) and
/// `message_fd` (Graphviz's messages and anything written to stderr). Returns its pid, or -1 with
/// errno set. Call with every C string already made: the child calls only libgvc and write.
static inline pid_t micrograd_spawn_render(GVC_t *gvc, const micrograd_render_request *request, int data_fd,
                                           int message_fd, int parent_data_fd, int parent_message_fd,
                                           long long memory_limit, long cpu_seconds) {
    pid_t parent = getpid();
    // No interrupt reaches the child before it has dropped the parent's handlers (which would undo
    // the parent's unfinished output from the child): blocked across fork, unblocked in each.
    sigset_t interrupts, previous;
    sigemptyset(&interrupts);
    sigaddset(&interrupts, SIGINT);
    sigaddset(&interrupts, SIGTERM);
    sigaddset(&interrupts, SIGHUP);
    pthread_sigmask(SIG_BLOCK, &interrupts, &previous);
    pid_t pid = fork();
    if (pid == 0) {
        close(parent_data_fd);
        close(parent_message_fd);
        micrograd_render_child(gvc, request, data_fd, message_fd, parent, memory_limit, cpu_seconds);
    }
    int failure = errno;
    pthread_sigmask(SIG_SETMASK, &previous, NULL);
    errno = failure;
    return pid;
}

#endif
