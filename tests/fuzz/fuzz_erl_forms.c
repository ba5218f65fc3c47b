/* fuzz_erl_forms.c - libFuzzer target: erl_eval fun clauses from arbitrary
 * bytes, as a peer could send them.
 *
 * The input is decoded as a term; whatever it holds, turning it into an
 * `fn` (src/lang/from_erl.c) and compiling that must end in a result or a
 * clean refusal: no crash, no leak, no read out of bounds. */
#include <stdint.h>
#include <stdlib.h>

#include "ciex/etf.h"
#include "ciex/lang.h"
#include "ciex/vm.h"
#include "lang/erl_forms.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    term clauses;
    if (size > 65536 || etf_decode(data, size, &clauses, NULL) != ETF_OK) return 0;
    /* the bindings the fun would bring: every atom at the top of a list */
    term bound = TERM_NIL;
    if (term_is_tuple(clauses) && term_tuple_arity(clauses) == 2 && term_is_list(term_tuple_get(clauses, 0))) {
        for (term l = term_tuple_get(clauses, 0); term_is_cons(l); l = term_tail(l))
            if (term_is_atom(term_head(l))) bound = term_cons_new(term_head(l), bound);
        term cls = term_retain(term_tuple_get(clauses, 1));
        term_release(clauses);
        clauses = cls;
    }
    char err[160];
    term fn = erl_to_fn(clauses, bound, TERM_NONE, term_atom("ciex fun meta"), err, sizeof err);
    if (fn != TERM_NONE) {
        vm_runtime *rt = vm_runtime_new();
        lang_register_bifs(rt);
        lang_compile_error cerr;
        (void)lang_compile_remote_fun(rt, fn, TERM_NIL, &cerr);
        term_release(fn);
        vm_runtime_free(rt);
    }
    term names;
    term block = erl_to_block(clauses, bound, &names, err, sizeof err);
    if (block != TERM_NONE) {
        term_release(block);
        term_release(names);
    }
    term_release(bound);
    term_release(clauses);
    return 0;
}
