/* setup.c - the runtime every ciex program starts from.
 *
 * The ciex command and the build's prelude-image tool must register the
 * same BIFs in the same order: compiled code names BIFs by their index in
 * that table, and the image of the prelude is only loaded by a runtime
 * whose table matches. */
#include "ciex/dist.h"
#include "ciex/lang.h"
#include "ciex/vm.h"
#include "repl.h"

vm_runtime *shell_runtime_new(void)
{
    vm_runtime *rt = vm_runtime_new();
    lang_register_bifs(rt);
    dist_register_bifs(rt);
    helpers_register(rt);
    completion_register(rt);
    return rt;
}
