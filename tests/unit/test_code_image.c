/* test_code_image.c - compiled code written as an image and loaded back.
 *
 * The build links the image of the compiled prelude into ciex; these tests
 * check that code loaded from an image runs as the code it was made from,
 * and that a damaged image or one made for other BIFs is refused without a
 * crash or a leak (the sanitizer build runs them too). */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "ciex/lang.h"
#include "ciex/vm.h"

static void setup(void) { term_init(); }
TestSuite(code_image, .init = setup);

/* A module with private and public functions, a local call, a lambda with
 * a free variable, and literals of most kinds; the top level exits with
 * what it computed, so that the test can see it. */
static const char program[] =
    "defmodule ImageDemo do\n"
    "  @big 123456789012345678901234567890\n"
    "  def run(n) do\n"
    "    k = n + 1\n"
    "    f = fn x -> {x * k, :\"quoted atom\", %{a: 1.5, b: [1, 2 | 3]}, \"bin\", <<1, 2, 3>>} end\n"
    "    {f.(n), twice(n), @big}\n"
    "  end\n"
    "  defp twice(x), do: x + x\n"
    "end\n"
    ":erlang.exit({:result, ImageDemo.run(4)})\n";

static vm_code *compile(vm_runtime *rt, const char *src)
{
    term ast;
    lang_error perr;
    cr_assert(lang_parse(src, strlen(src), 1, &ast, &perr), "parse: %s", perr.message);
    lang_compile_error cerr;
    lang_compile_opts opts = {"image_demo.ex", TERM_NIL, false, 0, false};
    vm_code *code = lang_compile(rt, ast, &opts, &cerr);
    term_release(ast);
    cr_assert_not_null(code, "compile: %s", cerr.message);
    return code;
}

static vm_runtime *runtime(void)
{
    vm_runtime *rt = vm_runtime_new();
    lang_register_bifs(rt);
    return rt;
}

static char *result_text(vm_runtime *rt, const vm_code *code)
{
    term reason = lang_run_code(rt, code);
    term_inspect_opts o;
    vm_inspect_opts_init(rt, &o);
    o.width = -1;
    char *text = term_inspect(reason, &o, NULL);
    term_release(reason);
    return text;
}

static uint8_t *demo_image(size_t *len, char **expected)
{
    vm_runtime *rt = runtime();
    vm_code *code = compile(rt, program);
    uint8_t *image = vm_image_write(rt, &code, 1, len);
    cr_assert_not_null(image);
    *expected = result_text(rt, code);
    vm_runtime_free(rt);
    return image;
}

Test(code_image, loaded_code_runs_as_compiled)
{
    size_t len;
    char *expected;
    uint8_t *image = demo_image(&len, &expected);
    cr_assert_str_eq(expected, "{:result, {{20, :\"quoted atom\", %{a: 1.5, b: [1, 2 | 3]}, \"bin\", <<1, 2, 3>>}, 8, "
                               "123456789012345678901234567890}}");
    vm_runtime *rt = runtime();
    vm_code **codes;
    uint32_t n;
    cr_assert(vm_image_read(rt, image, len, false, &codes, &n));
    cr_assert_eq(n, 1);
    char *got = result_text(rt, codes[0]);
    cr_assert_str_eq(got, expected);
    /* the loaded module stays callable with its stack-trace data */
    vm_code *again = compile(rt, ":erlang.exit({:result, ImageDemo.run(1)})\n");
    char *second = result_text(rt, again);
    cr_assert(strstr(second, "{{2, :\"quoted atom\"") != NULL, "%s", second);
    free(second);
    free(got);
    free(codes);
    free(expected);
    free(image);
    vm_runtime_free(rt);
}

/* Runs the code read back and compares with what the compiled code gave;
 * frees what the reading made. */
static void check_loaded(vm_runtime *rt, vm_code **codes, char *expected)
{
    char *got = result_text(rt, codes[0]);
    cr_assert_str_eq(got, expected);
    free(got);
    free(codes);
    free(expected);
}

/* Read in place, the instructions stay in the image's bytes (malloc'd
 * here: 16-aligned), and the runtime does not free them. */
Test(code_image, code_read_in_place_runs_from_the_image)
{
    size_t len;
    char *expected;
    uint8_t *image = demo_image(&len, &expected);
    vm_runtime *rt = runtime();
    vm_code **codes;
    uint32_t n;
    cr_assert(vm_image_read(rt, image, len, true, &codes, &n));
    cr_assert_eq(n, 1);
    cr_assert(codes[0]->ops_in_image);
    cr_assert((const uint8_t *)codes[0]->ops > image && (const uint8_t *)codes[0]->ops < image + len);
    cr_assert((const uint8_t *)codes[0]->lines > image && (const uint8_t *)codes[0]->lines < image + len);
    check_loaded(rt, codes, expected);
    vm_runtime_free(rt); /* frees no instructions: the image still holds them */
    free(image);
}

/* An image one byte off its alignment is copied word by word instead. */
Test(code_image, an_unaligned_image_is_copied)
{
    size_t len;
    char *expected;
    uint8_t *image = demo_image(&len, &expected);
    uint8_t *shifted = malloc(len + 1);
    memcpy(shifted + 1, image, len);
    vm_runtime *rt = runtime();
    vm_code **codes;
    uint32_t n;
    cr_assert(vm_image_read(rt, shifted + 1, len, true, &codes, &n));
    cr_assert_not(codes[0]->ops_in_image);
    free(shifted); /* the code holds copies */
    check_loaded(rt, codes, expected);
    vm_runtime_free(rt);
    free(image);
}

Test(code_image, damaged_images_are_refused)
{
    size_t len;
    char *expected;
    uint8_t *image = demo_image(&len, &expected);
    vm_runtime *rt = runtime();
    vm_code **codes;
    uint32_t n;
    /* every truncation */
    for (size_t cut = 0; cut < len; cut++) cr_assert_not(vm_image_read(rt, image, cut, false, &codes, &n), "cut at %zu", cut);
    /* single flipped bytes: refused, or loaded as something well-formed */
    uint8_t *copy = malloc(len);
    for (size_t at = 0; at < len; at += 3) {
        memcpy(copy, image, len);
        copy[at] ^= 0x5a;
        if (vm_image_read(rt, copy, len, false, &codes, &n)) free(codes);
    }
    free(copy);
    free(expected);
    free(image);
    vm_runtime_free(rt);
}

Test(code_image, an_image_for_other_bifs_is_refused)
{
    size_t len;
    char *expected;
    uint8_t *image = demo_image(&len, &expected);
    vm_runtime *rt = vm_runtime_new(); /* without the compiler's BIFs */
    vm_code **codes;
    uint32_t n;
    cr_assert_not(vm_image_read(rt, image, len, false, &codes, &n));
    free(expected);
    free(image);
    vm_runtime_free(rt);
}
