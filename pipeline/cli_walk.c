/*
 * cli_walk.c - the list of inputs: files as named, folders walked.
 *
 * A folder dropped on noticescan holds more than scans: a README, notes,
 * expected-result files. Those are skipped (and said so), but only when the
 * name and the bytes agree: a "scan.pdf" that does not decode is a failed
 * upload and becomes an error record, never a silent gap.
 */
#include "cli.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

/* Deeper than any real filing tree; a guard for the stack, loops are caught by inode. */
#define MAX_FOLDER_DEPTH 64

typedef struct folder_id {
    dev_t device;
    ino_t inode;
} folder_id;

typedef struct walker {
    input_list *inputs;
    int every_file;
    FILE *diagnostics;
    folder_id *visited;
    size_t visited_count, visited_capacity;
} walker;

int input_list_add(input_list *list, const char *path)
{
    if (list->count == list->capacity) {
        size_t capacity = list->capacity ? list->capacity * 2 : 64;
        char **grown = realloc(list->paths, capacity * sizeof *grown);
        if (!grown)
            return 0;
        list->paths = grown;
        list->capacity = capacity;
    }
    list->paths[list->count] = strdup(path);
    return list->paths[list->count++] != NULL;
}

void input_list_free(input_list *list)
{
    for (size_t i = 0; i < list->count; i++)
        free(list->paths[i]);
    free(list->paths);
    memset(list, 0, sizeof *list);
}

/* Whether the file name ends like an image or PDF. */
static int name_says_document(const char *name)
{
    static const char *const extensions[] = {"png", "jpg",  "jpeg", "jpe",  "tif", "tiff",
                                             "bmp", "webp", "pnm",  "pbm",  "pgm", "ppm",
                                             "gif", "jp2",  "heic", "heif", "pdf"};
    const char *dot = strrchr(name, '.');
    if (!dot)
        return 0;
    for (size_t i = 0; i < sizeof extensions / sizeof extensions[0]; i++)
        if (strcasecmp(dot + 1, extensions[i]) == 0)
            return 1;
    return 0;
}

/* Whether the first bytes of the file are an image or PDF the library reads. */
static int bytes_say_document(const char *path)
{
    unsigned char head[64] = {0};
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return 0;
    ssize_t got = read(fd, head, sizeof head);
    close(fd);
    return got > 0 && ns_file_type(head, (size_t)got) != NULL;
}

/* Remembers a folder; returns 0 when it was seen before (a loop or a second path to it). */
static int first_visit(walker *walk, const struct stat *info)
{
    for (size_t i = 0; i < walk->visited_count; i++)
        if (walk->visited[i].device == info->st_dev && walk->visited[i].inode == info->st_ino)
            return 0;
    if (walk->visited_count == walk->visited_capacity) {
        size_t capacity = walk->visited_capacity ? walk->visited_capacity * 2 : 32;
        folder_id *grown = realloc(walk->visited, capacity * sizeof *grown);
        if (!grown)
            return 1; /* out of memory: visiting twice is better than losing the folder */
        walk->visited = grown;
        walk->visited_capacity = capacity;
    }
    walk->visited[walk->visited_count++] = (folder_id){info->st_dev, info->st_ino};
    return 1;
}

int compare_paths(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b); /* byte-wise: the same order in every locale */
}

static int walk_folder(walker *walk, const char *dir, int depth);

/* One entry of a folder: a folder to walk, a document to read, or a file to skip. */
static int walk_entry(walker *walk, const char *path, int depth)
{
    struct stat info;
    if (stat(path, &info) != 0) /* a dangling link: its name decides, and reading it says why it fails */
        info.st_mode = S_IFREG;
    if (S_ISDIR(info.st_mode)) {
        if (!first_visit(walk, &info)) {
            fprintf(walk->diagnostics, "noticescan: %s: folder already read (a link to it), skipped\n", path);
            return 1;
        }
        return walk_folder(walk, path, depth + 1);
    }
    /* sockets, fifos, devices: never documents, and reading a fifo would block */
    if (!S_ISREG(info.st_mode)) {
        walk->inputs->skipped++;
        fprintf(walk->diagnostics, "noticescan: skipped %s: not a regular file\n", path);
        return 1;
    }
    if (walk->every_file || name_says_document(path) || bytes_say_document(path))
        return input_list_add(walk->inputs, path);
    walk->inputs->skipped++;
    fprintf(walk->diagnostics, "noticescan: skipped %s: not an image or PDF\n", path);
    return 1;
}

static int walk_folder(walker *walk, const char *dir, int depth)
{
    if (depth > MAX_FOLDER_DEPTH) {
        fprintf(walk->diagnostics, "noticescan: %s: folders nest too deep, skipped\n", dir);
        return 0;
    }
    DIR *handle = opendir(dir);
    if (!handle) {
        fprintf(walk->diagnostics, "noticescan: %s: cannot open folder: %s\n", dir, strerror(errno));
        return 0;
    }
    input_list names = {0};
    struct dirent *entry;
    int ok = 1;
    while (ok && (entry = readdir(handle)) != NULL)
        if (entry->d_name[0] != '.') /* hidden entries, "." and ".." */
            ok = input_list_add(&names, entry->d_name);
    closedir(handle);
    if (names.count > 1) /* qsort's array must not be NULL, even when empty */
        qsort(names.paths, names.count, sizeof *names.paths, compare_paths);
    size_t dir_length = strlen(dir);
    int slash = dir_length > 0 && dir[dir_length - 1] != '/';
    for (size_t i = 0; i < names.count; i++) {
        char *path = NULL;
        if (asprintf(&path, "%s%s%s", dir, slash ? "/" : "", names.paths[i]) < 0) {
            ok = 0;
            break;
        }
        ok = walk_entry(walk, path, depth) && ok;
        free(path);
    }
    input_list_free(&names);
    return ok;
}

int walk_inputs(char *const *paths, int count, int every_file, input_list *inputs, FILE *diagnostics)
{
    walker walk = {inputs, every_file, diagnostics, NULL, 0, 0};
    int ok = 1;
    for (int i = 0; i < count; i++) {
        struct stat info;
        if (stat(paths[i], &info) == 0 && S_ISDIR(info.st_mode)) {
            if (first_visit(&walk, &info))
                ok = walk_folder(&walk, paths[i], 0) && ok;
        } else if (!input_list_add(inputs, paths[i])) { /* named: always read, an error record if bad */
            ok = 0;
        }
    }
    free(walk.visited);
    return ok;
}
