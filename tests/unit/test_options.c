/* test_options.c - the distribution switches of --erl (shell/options.c):
 * TLS distribution's -proto_dist, -ssl_dist_optfile and -ssl_dist_opt, as
 * erl reads them, and --erl given more than once. */
#include <criterion/criterion.h>
#include <criterion/redirect.h>
#include <string.h>

#include "options.h"

static void parse(shell_options *o, int argc, const char **argv)
{
    shell_options_parse(argc, (char **)argv, o);
}

Test(options, proto_dist_and_optfile)
{
    const char *argv[] = {"ciex", "--sname", "a", "--erl", "-proto_dist inet_tls -ssl_dist_optfile /etc/tls.conf"};
    shell_options o;
    parse(&o, 5, argv);
    cr_assert(o.dist.tls);
    cr_assert_str_eq(o.dist.tls_optfile, "/etc/tls.conf");
    cr_assert_eq(o.dist.ntls_opts, 0);
    shell_options_free(&o);
}

Test(options, ssl_dist_opt_pairs_up_to_the_next_switch)
{
    const char *argv[] = {"ciex", "--erl",
                          "-proto_dist inet_tls -ssl_dist_opt server_certfile c.pem  client_verify verify_peer -hidden"};
    shell_options o;
    parse(&o, 3, argv);
    cr_assert(o.dist.tls);
    cr_assert(o.dist.hidden);
    cr_assert_eq(o.dist.ntls_opts, 4);
    cr_assert_str_eq(o.dist.tls_opts[0], "server_certfile");
    cr_assert_str_eq(o.dist.tls_opts[1], "c.pem");
    cr_assert_str_eq(o.dist.tls_opts[2], "client_verify");
    cr_assert_str_eq(o.dist.tls_opts[3], "verify_peer");
    shell_options_free(&o);
}

Test(options, every_erl_option_is_kept)
{
    const char *argv[] = {"ciex", "--erl", "-sname a -ssl_dist_opt server_certfile c.pem", "--erl",
                          "-proto_dist inet_tls -ssl_dist_opt server_keyfile k.pem"};
    shell_options o;
    parse(&o, 5, argv);
    cr_assert_str_eq(o.dist.name, "a");
    cr_assert_eq(o.dist.ntls_opts, 4);
    cr_assert_str_eq(o.dist.tls_opts[1], "c.pem");
    cr_assert_str_eq(o.dist.tls_opts[3], "k.pem");
    shell_options_free(&o);
}

Test(options, dist_tls_is_the_optfile_form)
{
    const char *argv[] = {"ciex", "--dist-tls", "tls.conf"};
    shell_options o;
    parse(&o, 3, argv);
    cr_assert(o.dist.tls);
    cr_assert_str_eq(o.dist.tls_optfile, "tls.conf");
    shell_options_free(&o);
}

Test(options, unknown_protocol_is_a_usage_error, .init = cr_redirect_stderr)
{
    const char *argv[] = {"ciex", "--erl", "-proto_dist inet6_tls"};
    shell_options o;
    parse(&o, 3, argv);
    cr_assert_eq(o.mode, SHELL_MODE_EXIT);
    cr_assert_eq(o.exit_status, 1);
    shell_options_free(&o);
}
