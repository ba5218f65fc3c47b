# tests/etf/gen_vectors.exs
#
# Generates the ETF (Erlang External Term Format, version 131) test vectors
# for the ciex C implementation:
#
#   tests/etf/vectors.txt  - valid inputs, with Elixir's inspect text of the
#                            decoded term and OTP's canonical re-encoding
#   tests/etf/invalid.txt  - hostile inputs that binary_to_term/1 rejects
#
# Every expected byte string and every inspect text is computed here by the
# running Erlang/OTP + Elixir (term_to_binary/2, binary_to_term/1,
# Kernel.inspect/2); nothing expected is written by hand.  Hand-assembled
# *inputs* (old tags, non-canonical encodings, remote pids/ports/refs) are
# decoded and re-encoded by OTP, and the script aborts if any expectation
# stated below (roundtrip vs decode_only, accepted vs rejected) is wrong.
#
# Rerun from the repository root (output is deterministic, except for the
# lines flagged bytes_unstable / inspect_unstable):
#
#   elixir tests/etf/gen_vectors.exs
#
# Written for Erlang/OTP 25 + Elixir 1.14.

import Bitwise

# Module whose funs give real NEW_FUN_EXT terms with free variables.
defmodule ETFVec.M do
  def f(x), do: fn y -> x + y end
  def g(a, b, c), do: fn -> {a, b, c} end
  def h, do: fn -> :ok end
end

defmodule ETFVec.Gen do
  # The canonical encoder.  See the vectors.txt header for why this is
  # minor_version 2 and not OTP 25's default (minor_version 1).
  @canon_opts [minor_version: 2]

  @required_tags [97, 98, 110, 111, 70, 99, 100, 115, 118, 119, 104, 105, 106,
                  107, 108, 109, 77, 116, 88, 103, 89, 102, 120, 90, 114, 101,
                  112, 113, 80]

  @tag_names %{
    97 => "SMALL_INTEGER_EXT", 98 => "INTEGER_EXT", 110 => "SMALL_BIG_EXT",
    111 => "LARGE_BIG_EXT", 70 => "NEW_FLOAT_EXT", 99 => "FLOAT_EXT",
    100 => "ATOM_EXT", 115 => "SMALL_ATOM_EXT", 118 => "ATOM_UTF8_EXT",
    119 => "SMALL_ATOM_UTF8_EXT", 104 => "SMALL_TUPLE_EXT",
    105 => "LARGE_TUPLE_EXT", 106 => "NIL_EXT", 107 => "STRING_EXT",
    108 => "LIST_EXT", 109 => "BINARY_EXT", 77 => "BIT_BINARY_EXT",
    116 => "MAP_EXT", 88 => "NEW_PID_EXT", 103 => "PID_EXT",
    89 => "NEW_PORT_EXT", 102 => "PORT_EXT", 120 => "V4_PORT_EXT",
    90 => "NEWER_REFERENCE_EXT", 114 => "NEW_REFERENCE_EXT",
    101 => "REFERENCE_EXT", 112 => "NEW_FUN_EXT", 113 => "EXPORT_EXT",
    80 => "compressed (tag 80)"
  }

  # ------------------------------------------------------------------ helpers

  def enc(t), do: :erlang.term_to_binary(t, @canon_opts)
  # encoding of a term without the leading 131 (for hand-assembled containers)
  def inner(t), do: binary_part(enc(t), 1, byte_size(enc(t)) - 1)
  def hex(b), do: Base.encode16(b, case: :lower)
  def v(b), do: <<131, b::binary>>
  def dec(b), do: :erlang.binary_to_term(b)

  # Remote pids/ports/refs are printed by OTP with a node index that depends
  # on the node table of the generating VM; replace it by the token N.
  def insp(t) do
    s = inspect(t, limit: :infinity, printable_limit: :infinity)
    Regex.replace(~r/#(PID|Port|Reference)<([0-9]+)([.>])/, s, fn all, kind, idx, sep ->
      if idx == "0", do: all, else: "##{kind}<N#{sep}"
    end)
  end

  def su8(s) when byte_size(s) < 256, do: <<119, byte_size(s), s::binary>>
  def new_pid(node, id, ser, cr), do: <<88, su8(node)::binary, id::32, ser::32, cr::32>>
  def new_port(node, id, cr), do: <<89, su8(node)::binary, id::32, cr::32>>
  def v4_port(node, id, cr), do: <<120, su8(node)::binary, id::64, cr::32>>
  def words(ws), do: for(w <- ws, into: <<>>, do: <<w::32>>)
  def newer_ref(node, cr, ws), do: <<90, length(ws)::16, su8(node)::binary, cr::32, words(ws)::binary>>

  # NEW_FUN_EXT; size = byte count from the Size field to the end.
  def new_fun(mod, arity, uniq16, index, old_index, old_uniq, pid_bytes, free, size_adj \\ 0) do
    body =
      <<arity, uniq16::binary, index::32, length(free)::32, su8(mod)::binary,
        inner(old_index)::binary, inner(old_uniq)::binary, pid_bytes::binary,
        Enum.map_join(free, &inner/1)::binary>>

    <<112, 4 + byte_size(body) + size_adj::32, body::binary>>
  end

  def float_of_bits(b), do: (fn <<f::float>> -> f end).(<<b::64>>)
  def float_ext(s), do: <<99, s::binary, :binary.copy(<<0>>, 31 - byte_size(s))::binary>>

  def nest(0, inner), do: inner
  def nest(n, inner), do: nest(n - 1, {inner})

  # vector constructors ------------------------------------------------------
  # canonical vector from a term: must roundtrip
  def c(name, term, flags \\ [], comment \\ nil),
    do: %{name: name, bin: enc(term), expect: :roundtrip, flags: flags, comment: comment}

  # hand-assembled / special-encoder vector with an expectation
  def h(name, bin, expect, flags \\ [], comment \\ nil),
    do: %{name: name, bin: bin, expect: expect, flags: flags, comment: comment}

  def sec(text), do: {:section, text}

  # ------------------------------------------------------------- valid set

  def remote do
    %{
      pid: dec(v(new_pid("foo@pathfinder", 117, 0, 1234))),
      pid2: dec(v(new_pid("bar@host", 42, 3, 7))),
      ref: dec(v(newer_ref("foo@pathfinder", 1234, [1, 2, 3]))),
      port: dec(v(new_port("foo@pathfinder", 5, 1234)))
    }
  end

  def vectors do
    r = remote()
    big300 = String.to_integer(String.duplicate("1234567890", 30))
    {eval_fun, _} = Code.eval_string("fn x -> x * 2 end")
    port = Port.open({:spawn, "cat"}, [])
    true = Port.close(port)
    me = self()
    lref = make_ref()
    fun_uniq = :erlang.md5("ETFVec.Remote")
    rpid = new_pid("foo@pathfinder", 117, 0, 1234)
    sorted33 = for i <- 1..33, do: {String.to_atom("k#{String.pad_leading("#{i}", 2, "0")}"), i}
    ff = fn f -> :erlang.term_to_binary(f, minor_version: 0) end
    local = ["local_node", "bytes_unstable", "inspect_unstable"]
    funfl = ["local_node", "bytes_unstable", "inspect_unstable"]

    [
      sec("SMALL_INTEGER_EXT (97)"),
      c("small_int_0", 0),
      c("small_int_1", 1),
      c("small_int_42", 42),
      c("small_int_255", 255),
      sec("INTEGER_EXT (98)"),
      c("int_256", 256),
      c("int_minus_1", -1),
      c("int_minus_256", -256),
      c("int_1000", 1000),
      c("int_2p27", 1 <<< 27),
      c("int_minus_2p27_minus_1", -(1 <<< 27) - 1),
      c("int_2p31_minus_1", (1 <<< 31) - 1),
      c("int_minus_2p31", -(1 <<< 31)),
      sec("SMALL_BIG_EXT (110)"),
      c("big_2p31", 1 <<< 31),
      c("big_minus_2p31_minus_1", -(1 <<< 31) - 1),
      c("big_2p32", 1 <<< 32),
      c("big_2p59", 1 <<< 59),
      c("big_2p60_minus_1", (1 <<< 60) - 1),
      c("big_2p60", 1 <<< 60),
      c("big_2p62_minus_1", (1 <<< 62) - 1),
      c("big_2p62", 1 <<< 62),
      c("big_2p63", 1 <<< 63),
      c("big_minus_2p63", -(1 <<< 63)),
      c("big_2p64_minus_1", (1 <<< 64) - 1),
      c("big_2p64", 1 <<< 64),
      c("big_minus_2p64", -(1 <<< 64)),
      c("big_300_digits", big300),
      c("big_minus_300_digits", -big300),
      c("big_2p2040_minus_1_255_bytes", (1 <<< 2040) - 1),
      sec("LARGE_BIG_EXT (111)"),
      c("large_big_2p2040_256_bytes", 1 <<< 2040),
      c("large_big_2p2048_plus_1", (1 <<< 2048) + 1),
      c("large_big_minus_2p2048_plus_1", -((1 <<< 2048) + 1)),
      sec("NEW_FLOAT_EXT (70)"),
      c("float_0_0", 0.0),
      c("float_minus_0_0", float_of_bits(0x8000000000000000)),
      c("float_1_0", 1.0),
      c("float_1_5", 1.5),
      c("float_3_5", 3.5),
      c("float_0_1", 0.1),
      c("float_1e20", 1.0e20),
      c("float_1e_minus_5", 1.0e-5),
      c("float_1e300", 1.0e300),
      c("float_5e_minus_324_min_denormal", 5.0e-324),
      c("float_min_normal", 2.2250738585072014e-308),
      c("float_max", 1.7976931348623157e308),
      c("float_123456789_123", 123_456_789.123),
      c("float_minus_2_5", -2.5),
      c("float_1e16", 1.0e16),
      c("float_1e15", 1.0e15),
      sec("SMALL_ATOM_UTF8_EXT (119) / ATOM_UTF8_EXT (118)"),
      c("atom_true", true),
      c("atom_false", false),
      c("atom_nil", nil),
      c("atom_ok", :ok),
      c("atom_empty", :""),
      c("atom_cookie", :"COOKIE-0123456789"),
      c("atom_node_name", :foo@pathfinder),
      c("atom_elixir_alias_kv", KV),
      c("atom_with_space", :"hello world"),
      c("atom_with_quote_newline_tab", :"a\"b\nc\td"),
      c("atom_nul_byte", :"\0"),
      c("atom_latin1_range_hello", :"héllo"),
      c("atom_cjk", :"日本"),
      c("atom_emoji_4byte", :"🙂"),
      c("atom_255_ascii_chars", String.to_atom(String.duplicate("a", 255))),
      c("atom_85_cjk_255_bytes", String.to_atom(String.duplicate("日", 85))),
      c("atom_86_cjk_258_bytes_utf8_ext", String.to_atom(String.duplicate("日", 86))),
      c("atom_255_e_acute_510_bytes_utf8_ext", String.to_atom(String.duplicate("é", 255))),
      c("atom_255_emoji_1020_bytes", String.to_atom(String.duplicate("🙂", 255))),
      sec("Atoms: old/other atom tags (decode_only)"),
      h("atom_ext_ok", v(<<100, 0, 2, "ok">>), :decode_only),
      h("atom_ext_empty", v(<<100, 0, 0>>), :decode_only),
      h("atom_ext_latin1_hello", v(<<100, 0, 5, "h", 0xE9, "llo">>), :decode_only,
        [], "ATOM_EXT is Latin-1: byte e9 is U+00E9"),
      h("atom_ext_latin1_y_diaeresis", v(<<100, 0, 1, 0xFF>>), :decode_only),
      h("atom_ext_255_latin1_bytes", v(<<100, 0, 255, :binary.copy(<<0xE9>>, 255)::binary>>),
        :decode_only, [], "255 Latin-1 bytes -> 510 UTF-8 bytes -> ATOM_UTF8_EXT"),
      h("small_atom_ext_ok", v(<<115, 2, "ok">>), :decode_only),
      h("small_atom_ext_latin1", v(<<115, 5, "h", 0xE9, "llo">>), :decode_only),
      h("atom_utf8_ext_short_ok", v(<<118, 0, 2, "ok">>), :decode_only,
        [], "ATOM_UTF8_EXT used for a short atom"),
      h("otp25_default_t2b_ok", :erlang.term_to_binary(:ok), :decode_only,
        [], "term_to_binary(ok) with OTP 25 default options (minor_version 1)"),
      h("otp25_default_t2b_tuple", :erlang.term_to_binary({true, nil, :"héllo", :"日本"}),
        :decode_only, [], "OTP 25 default term_to_binary: Latin-1 atoms as ATOM_EXT"),
      h("otp25_default_t2b_255_e_acute", :erlang.term_to_binary(String.to_atom(String.duplicate("é", 255))),
        :decode_only),
      sec("SMALL_TUPLE_EXT (104) / LARGE_TUPLE_EXT (105)"),
      c("tuple_empty", {}),
      c("tuple_1", {1}),
      c("tuple_foo_123", {:foo, 123}),
      c("tuple_mixed", {1, :two, "three", 4.0, [5]}),
      c("tuple_255", List.to_tuple(Enum.to_list(0..254))),
      c("large_tuple_256", List.to_tuple(Enum.to_list(0..255))),
      c("large_tuple_300_atoms", List.to_tuple(List.duplicate(:x, 300))),
      c("tuple_nested_depth_100", nest(100, :a)),
      h("large_tuple_ext_arity_2", v(<<105, 2::32, 97, 1, 97, 2>>), :decode_only),
      h("large_tuple_ext_arity_0", v(<<105, 0::32>>), :decode_only),
      sec("NIL_EXT (106)"),
      c("nil", []),
      h("list_ext_0_elements_nil_tail", v(<<108, 0::32, 106>>), :decode_only),
      h("string_ext_0_length", v(<<107, 0::16>>), :decode_only),
      h("list_ext_0_elements_int_tail", v(<<108, 0::32, 97, 1>>), :decode_only,
        [], "LIST_EXT with no elements decodes to its tail"),
      sec("STRING_EXT (107)"),
      c("string_abc", 'abc'),
      c("string_bytes_1_2_3", [1, 2, 3]),
      c("string_0_255", [0, 255]),
      c("string_with_newline", 'a\nb'),
      c("string_hello_latin1", 'héllo', [], "'héllo' is [104,233,...]: all < 256 so STRING_EXT"),
      c("string_65535", List.duplicate(?a, 65535)),
      c("list_of_string", ['ab', 'cd']),
      h("list_ext_of_bytes_1_2_3", v(<<108, 3::32, 97, 1, 97, 2, 97, 3, 106>>), :decode_only),
      h("list_ext_of_bytes_abc", v(<<108, 3::32, 97, ?a, 97, ?b, 97, ?c, 106>>), :decode_only),
      sec("LIST_EXT (108)"),
      c("list_improper_1_2", [1 | 2]),
      c("list_improper_1_2_3", [1, 2 | 3]),
      c("list_improper_atom_tail", [?a | :b]),
      c("list_improper_string_tail", [1 | "abc"]),
      c("list_nested", [[1], [2, [3, []]], []]),
      c("list_cjk_chars", '日本', [], "codepoints > 255 so LIST_EXT"),
      c("list_256", [256]),
      c("list_minus_1", [-1]),
      c("list_mixed", [1, :two, "three", 4.0, {5}]),
      c("list_1000_ints", Enum.to_list(1..1000)),
      c("list_65536_bytes", List.duplicate(?a, 65536), [], "one over the STRING_EXT limit"),
      c("list_nested_depth_100", Enum.reduce(1..100, [], fn _, acc -> [acc] end)),
      c("keyword_a1_b2", [a: 1, b: 2]),
      c("keyword_name_global", name: {:global, :agent1}),
      sec("BINARY_EXT (109)"),
      c("bin_empty", ""),
      c("bin_hello", "hello"),
      c("bin_hello_utf8", "héllo"),
      c("bin_cjk", "日本語"),
      c("bin_1_2_3", <<1, 2, 3>>),
      c("bin_escapes", "nl\n quote\" bs\\ tab\t esc\e cr\r nul\0 bell\a del\d #\{x}"),
      c("bin_invalid_utf8_ff", <<255>>),
      c("bin_utf8_then_invalid", <<"ab", 0xC3>>),
      c("bin_all_bytes", :binary.list_to_bin(Enum.to_list(0..255))),
      sec("BIT_BINARY_EXT (77)"),
      c("bitbin_1_of_3_bits", <<1::3>>),
      c("bitbin_255_then_1_bit", <<255, 1::1>>),
      c("bitbin_7_bits", <<0x55::7>>),
      h("bitbin_dirty_trailing_bits", v(<<77, 1::32, 3, 0xFF>>), :decode_only,
        [], "unused low bits set; OTP clears them on re-encode"),
      h("bitbin_bits_8_is_binary", v(<<77, 1::32, 8, 0xFF>>), :decode_only),
      h("bitbin_len0_bits0_is_empty_binary", v(<<77, 0::32, 0>>), :decode_only),
      sec("MAP_EXT (116)"),
      c("map_empty", %{}),
      c("map_a1_btwo", %{a: 1, b: "two"}),
      c("map_string_key", %{"k" => :v}),
      c("map_nested", %{a: %{b: %{c: [1, %{}]}}}),
      c("map_mixed_keys", %{1 => :a, 1.0 => :b, :x => 1, "s" => 2, {1} => 3, [1] => 4}),
      c("map_quoted_atom_keys", %{"a b": 1, "日": 2}),
      c("map_32_keys_flatmap", Map.new(Enum.take(sorted33, 32))),
      c("map_33_keys_hashmap", Map.new(sorted33), ["hamt_order"],
        "maps > 32 keys: OTP emits and inspects in internal HAMT (hash) order"),
      c("map_40_int_keys", Map.new(1..40, &{&1, &1 * &1}), ["hamt_order"]),
      h("map_unsorted_keys", v(<<116, 2::32, inner(:b)::binary, 97, 1, inner(:a)::binary, 97, 2>>),
        :decode_only),
      h("map_33_keys_sorted_order",
        v(<<116, 33::32, Enum.map_join(sorted33, fn {k, x} -> inner(k) <> inner(x) end)::binary>>),
        :decode_only, ["hamt_order"]),
      sec("NEW_PID_EXT (88) (remote, hand-assembled; inspect node index shown as N)"),
      h("pid_remote_foo", v(rpid), :roundtrip),
      h("pid_remote_creation_0", v(new_pid("foo@pathfinder", 117, 0, 0)), :roundtrip),
      h("pid_remote_big_fields", v(new_pid("bar@host", 0x7FFF, 0x1FFF, 0xFFFFFFFF)), :roundtrip),
      h("pid_remote_32bit_id_serial", v(new_pid("bar@host", 0xFFFFFFFF, 0xFFFFFFFF, 1)), :roundtrip),
      h("pid_remote_utf8_node", v(new_pid("日本@host", 1, 0, 1)), :roundtrip),
      h("pid_node_as_atom_ext", v(<<88, 100, 0, 14, "foo@pathfinder", 117::32, 0::32, 1234::32>>),
        :decode_only),
      sec("PID_EXT (103) (old, decode_only)"),
      h("pid_ext_old", v(<<103, su8("foo@pathfinder")::binary, 117::32, 0::32, 2>>), :decode_only),
      h("pid_ext_old_max_15_13_bits", v(<<103, su8("bar@host")::binary, 0x7FFF::32, 0x1FFF::32, 3>>),
        :decode_only),
      sec("NEW_PORT_EXT (89) / V4_PORT_EXT (120) / PORT_EXT (102)"),
      h("port_remote_foo", v(new_port("foo@pathfinder", 5, 1234)), :roundtrip),
      h("port_remote_2p28_minus_1", v(new_port("foo@pathfinder", (1 <<< 28) - 1, 0xFFFFFFFF)), :roundtrip,
        [], "largest port number OTP 25 still emits as NEW_PORT_EXT"),
      h("port_new_port_ext_2p28", v(new_port("foo@pathfinder", 1 <<< 28, 1234)), :decode_only,
        [], "OTP 25 re-encodes port numbers >= 2^28 as V4_PORT_EXT"),
      h("port_new_port_ext_max_32bit", v(new_port("foo@pathfinder", 0xFFFFFFFF, 1234)), :decode_only),
      h("v4_port_2p28", v(v4_port("foo@pathfinder", 1 <<< 28, 1234)), :roundtrip,
        [], "OTP 25 emits V4_PORT_EXT when the port number is >= 2^28"),
      h("v4_port_2p32", v(v4_port("foo@pathfinder", 1 <<< 32, 1234)), :roundtrip),
      h("v4_port_2p40", v(v4_port("foo@pathfinder", 1 <<< 40, 1234)), :roundtrip),
      h("v4_port_max_64bit", v(v4_port("foo@pathfinder", 0xFFFFFFFFFFFFFFFF, 1)), :roundtrip),
      h("v4_port_small_number", v(v4_port("foo@pathfinder", 5, 1234)), :decode_only),
      h("port_ext_old", v(<<102, su8("foo@pathfinder")::binary, 5::32, 2>>), :decode_only),
      sec("NEWER_REFERENCE_EXT (90) / NEW_REFERENCE_EXT (114) / REFERENCE_EXT (101)"),
      h("ref_remote_3_words", v(newer_ref("foo@pathfinder", 1234, [1, 2, 3])), :roundtrip),
      h("ref_remote_3_words_max", v(newer_ref("foo@pathfinder", 0xFFFFFFFF, [0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF])), :roundtrip),
      h("ref_remote_1_word", v(newer_ref("foo@pathfinder", 1234, [7])), :roundtrip),
      h("ref_remote_4_words", v(newer_ref("foo@pathfinder", 1234, [1, 2, 3, 4])), :roundtrip),
      h("ref_remote_5_words", v(newer_ref("foo@pathfinder", 1234, [1, 2, 3, 4, 5])), :roundtrip,
        [], "5 words is the maximum OTP 25 accepts (6 is rejected)"),
      h("ref_remote_0_words", v(newer_ref("foo@pathfinder", 1234, [])), :roundtrip,
        [], "OTP 25 accepts a reference with zero id words"),
      h("new_reference_ext_old", v(<<114, 3::16, su8("foo@pathfinder")::binary, 2, 1::32, 2::32, 3::32>>),
        :decode_only, [], "1-byte creation (<= 3), first word <= 18 bits"),
      h("reference_ext_old", v(<<101, su8("foo@pathfinder")::binary, 7::32, 2>>), :decode_only),
      sec("Local node (nonode@nohost, creation 0) pid/port/ref made by this VM: local_node"),
      c("pid_self_local", me, local, "self() on nonode@nohost"),
      c("ref_make_ref_local", lref, local, "make_ref() on nonode@nohost"),
      c("port_local_cat", port, local, "Port.open({:spawn, \"cat\"}, []) on nonode@nohost, closed"),
      c("tuple_ok_self", {:ok, me}, local),
      sec("EXPORT_EXT (113)"),
      c("export_enum_map_2", &Enum.map/2),
      c("export_erlang_plus_2", &:erlang.+/2),
      c("export_kv_get_1", Function.capture(KV, :get, 1), [], "&KV.get/1 (KV need not exist)"),
      c("export_lists_reverse_1", &:lists.reverse/1),
      h("export_arity_as_integer_ext", v(<<113, su8("lists")::binary, su8("reverse")::binary, 98, 1::32>>),
        :decode_only),
      sec("NEW_FUN_EXT (112)"),
      c("fun_etfvec_free_var", ETFVec.M.f(1), funfl,
        "fn in ETFVec.M (compiled by this script) with free var x=1; creator pid = self()"),
      c("fun_etfvec_3_free_vars", ETFVec.M.g(1, "two", [:three]), funfl),
      c("fun_etfvec_no_free_vars", ETFVec.M.h(), funfl),
      c("fun_erl_eval", eval_fun, funfl, "Code.eval_string(\"fn x -> x * 2 end\")"),
      h("fun_remote_hand_no_free",
        v(new_fun("Elixir.ETFVec.Remote", 0, fun_uniq, 0, 0, 12_345_678, rpid, [])), :roundtrip,
        [], "hand-assembled: module not loaded, creator pid on foo@pathfinder"),
      h("fun_remote_hand_free_vars",
        v(new_fun("Elixir.ETFVec.Remote", 2, fun_uniq, 3, 3, 12_345_678, rpid, [1, "two", r.pid])),
        :roundtrip),
      h("fun_size_field_wrong",
        v(new_fun("Elixir.ETFVec.Remote", 1, fun_uniq, 1, 1, 12_345_678, rpid, [:x], 7)),
        :decode_only, [], "OTP 25 ignores the Size field on decode"),
      sec("FLOAT_EXT (99) (old 31-byte string float; term_to_binary minor_version 0; decode_only)"),
      h("float_ext_1_5", ff.(1.5), :decode_only),
      h("float_ext_minus_2_5", ff.(-2.5), :decode_only),
      h("float_ext_0_1", ff.(0.1), :decode_only),
      h("float_ext_0_0", ff.(0.0), :decode_only),
      h("float_ext_1e300", ff.(1.0e300), :decode_only),
      h("float_ext_max", ff.(1.7976931348623157e308), :decode_only),
      h("float_ext_tuple_minor_version_0", ff.({:ok, 0.1, "x"}), :decode_only,
        [], "minor_version 0 also uses ATOM_EXT"),
      h("float_ext_short_text", v(float_ext("1.5")), :decode_only, [], "not %.20e formatted"),
      h("float_ext_minus_0_0_text", v(float_ext("-0.0")), :decode_only),
      sec("Non-canonical integers (decode_only)"),
      h("integer_ext_small_5", v(<<98, 5::32>>), :decode_only),
      h("integer_ext_small_0", v(<<98, 0::32>>), :decode_only),
      h("small_big_small_5", v(<<110, 1, 0, 5>>), :decode_only),
      h("small_big_minus_5", v(<<110, 1, 1, 5>>), :decode_only),
      h("small_big_1000", v(<<110, 2, 0, 0xE8, 0x03>>), :decode_only),
      h("small_big_leading_zero_bytes", v(<<110, 3, 0, 5, 0, 0>>), :decode_only),
      h("small_big_zero_digits", v(<<110, 0, 0>>), :decode_only),
      h("small_big_negative_zero", v(<<110, 1, 1, 0>>), :decode_only),
      h("small_big_sign_byte_2", v(<<110, 1, 2, 5>>), :decode_only, [], "any nonzero sign byte means negative"),
      h("small_big_2p31_padded", v(<<110, 8, 0, 0, 0, 0, 0x80, 0, 0, 0, 0>>), :decode_only),
      h("large_big_small_5", v(<<111, 1::32, 0, 5>>), :decode_only),
      h("large_big_2p64", v(<<111, 9::32, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1>>), :decode_only),
      h("large_big_zero_digits", v(<<111, 0::32, 0>>), :decode_only),
      sec("Compressed terms (tag 80; decode_only)"),
      h("compressed_list_100_ok", :erlang.term_to_binary(List.duplicate(:ok, 100), [:compressed, minor_version: 2]),
        :decode_only),
      h("compressed_binary_1000_zeros", :erlang.term_to_binary(:binary.copy(<<0>>, 1000), [:compressed, minor_version: 2]),
        :decode_only),
      h("compressed_level_1", :erlang.term_to_binary(:binary.copy(<<0>>, 1000), [{:compressed, 1}, minor_version: 2]),
        :decode_only),
      h("compressed_map", :erlang.term_to_binary(Map.new(1..50, &{&1, "value #{&1}"}), [:compressed, minor_version: 2]),
        :decode_only, ["hamt_order"]),
      h("compressed_option_small_term_not_compressed", :erlang.term_to_binary(:ok, [:compressed, minor_version: 2]),
        :roundtrip, [], "term_to_binary(ok, [compressed]) is not compressed (would not shrink)"),
      sec("Trailing bytes: OTP 25 binary_to_term/1 accepts and ignores them (flag trailing_bytes)"),
      h("trailing_byte_after_small_int", v(<<97, 1, 0>>), :decode_only, ["trailing_bytes"]),
      h("trailing_bytes_after_tuple", v(<<104, 1, 97, 1, "garbage">>), :decode_only, ["trailing_bytes"]),
      h("map_with_extra_element", v(<<116, 1::32, 97, 1, 97, 2, 97, 3>>), :decode_only, ["trailing_bytes"],
        "MAP_EXT arity 1 followed by a third term: extra term is trailing"),
      h("compressed_trailing_after_zlib_stream",
        :erlang.term_to_binary(List.duplicate(:ok, 100), [:compressed, minor_version: 2]) <> "junk",
        :decode_only, ["trailing_bytes"]),
      h("compressed_trailing_inside_data",
        <<131, 80, 3::32, :zlib.compress(<<97, 1, 0>>)::binary>>, :decode_only, ["trailing_bytes"],
        "uncompressed size 3 matches, the term inside uses 2 of them"),
      sec("Compound / protocol-shaped terms (remote pid/ref hand-assembled)"),
      c("tuple_ok_pid", {:ok, r.pid}),
      c("gen_call_get_foo", {:"$gen_call", {r.pid, r.ref}, {:get, :foo}}),
      c("gen_call_alias_tag", {:"$gen_call", {r.pid, [:alias | r.ref]}, {:put, :foo, "bar"}}),
      c("gen_reply", {r.ref, {:ok, %{count: 3, pids: [r.pid, r.pid2]}}}),
      c("keyword_with_pids_ports", [pid: r.pid, port: r.port, ref: r.ref]),
      c("map_pid_keys", %{r.pid => 1, r.pid2 => 2, r.port => 3, r.ref => 4}),
      c("everything_tuple", {1, -1, 1 <<< 64, 1.5, :a, "b", 'c', [1 | 2], <<1::1>>, %{k: :v}, r.pid,
                             r.port, r.ref, &Enum.map/2, {}, []})
    ]
  end

  # --------------------------------------------------------------- invalid set

  def invalid_vectors(valid) do
    b33 = enc(Map.new(1..33, &{&1, &1}))
    [{pos, 4}] = :binary.matches(b33, <<97, 2, 97, 2>>)
    dup33 = binary_part(b33, 0, pos) <> <<97, 1, 97, 2>> <> binary_part(b33, pos + 4, byte_size(b33) - pos - 4)
    <<131, 80, csz::32, zdata::binary>> = :erlang.term_to_binary(List.duplicate(:ok, 100), [:compressed, minor_version: 2])
    compressed_inner = binary_part(enc(List.duplicate(:ok, 100)), 1, byte_size(enc(List.duplicate(:ok, 100))) - 1)
    real_fun = enc(ETFVec.M.f(1))
    <<131, 112, fsz::32, fa, fu::binary-size(16), fi::32, _nfree::32, frest::binary>> = real_fun
    fun_numfree_lie = <<131, 112, fsz::32, fa, fu::binary, fi::32, 2::32, frest::binary>>

    fixed = [
      {:section, "Framing"},
      {"empty_input", <<>>},
      {"version_byte_only", <<131>>},
      {"missing_version_byte", <<97, 1>>},
      {"missing_version_byte_tuple", <<104, 2, 97, 1, 97, 2>>},
      {"version_130", <<130, 97, 1>>},
      {"version_132", <<132, 97, 1>>},
      {"version_0", <<0, 97, 1>>},
      {:section, "Unknown / not-allowed tags"},
      {"unknown_tag_200", <<131, 200>>},
      {"unknown_tag_200_with_data", <<131, 200, 0, 0, 0, 1, 97, 1>>},
      {"unknown_tag_0", <<131, 0>>},
      {"unknown_tag_255", <<131, 255, 1, 2, 3>>},
      {"unknown_tag_nested_in_tuple", <<131, 104, 2, 97, 1, 200>>},
      {"unknown_tag_nested_in_list", <<131, 108, 1::32, 1, 106>>},
      {"unknown_tag_as_map_value", <<131, 116, 1::32, 97, 1, 200>>},
      {"atom_cache_ref_82_outside_dist", <<131, 82, 0>>},
      {"dist_header_68_outside_dist", <<131, 68, 0>>},
      {"old_fun_ext_117_removed", <<131, 117, 0::32, new_pid("a@b", 1, 0, 1)::binary, su8("m")::binary, 97, 0, 97, 0>>},
      {"version_byte_nested", <<131, 104, 1, 131, 97, 1>>},
      {:section, "Length / count fields larger than the input"},
      {"small_tuple_255_with_2_bytes", <<131, 104, 255, 97, 1>>},
      {"large_tuple_2p32_minus_1_with_2_bytes", <<131, 105, 0xFFFFFFFF::32, 97, 1>>},
      {"list_1e9_elements", <<131, 108, 1_000_000_000::32, 97, 1, 97, 2, 106>>},
      {"list_2p32_minus_1_elements", <<131, 108, 0xFFFFFFFF::32, 97, 1, 106>>},
      {"list_missing_tail", <<131, 108, 2::32, 97, 1, 97, 2>>},
      {"binary_len_10_with_3_bytes", <<131, 109, 10::32, 1, 2, 3>>},
      {"binary_len_2p32_minus_1", <<131, 109, 0xFFFFFFFF::32, 1, 2>>},
      {"bit_binary_len_10_with_3_bytes", <<131, 77, 10::32, 3, 1, 2, 3>>},
      {"string_len_10_with_3_bytes", <<131, 107, 0, 10, 1, 2, 3>>},
      {"string_len_65535_with_1_byte", <<131, 107, 255, 255, ?a>>},
      {"atom_utf8_len_past_end", <<131, 118, 0, 10, "abc">>},
      {"small_atom_utf8_len_past_end", <<131, 119, 10, "abc">>},
      {"atom_ext_len_past_end", <<131, 100, 0, 10, "abc">>},
      {"small_big_len_past_end", <<131, 110, 5, 0, 1, 2>>},
      {"large_big_len_2p32_minus_1", <<131, 111, 0xFFFFFFFF::32, 0, 1, 2>>},
      {"map_2p32_minus_1_pairs", <<131, 116, 0xFFFFFFFF::32, 97, 1, 97, 1>>},
      {"ref_5_words_with_1", <<131, 90, 5::16, su8("a@b")::binary, 1::32, 1::32>>},
      {"fun_num_free_lie_bigger", fun_numfree_lie},
      {:section, "Atoms"},
      {"atom_utf8_invalid_ff", <<131, 119, 1, 0xFF>>},
      {"atom_utf8_lone_continuation", <<131, 119, 1, 0x80>>},
      {"atom_utf8_overlong_nul", <<131, 119, 2, 0xC0, 0x80>>},
      {"atom_utf8_surrogate", <<131, 119, 3, 0xED, 0xA0, 0x80>>},
      {"atom_utf8_truncated_sequence", <<131, 119, 2, ?a, 0xC3>>},
      {"atom_utf8_above_10ffff", <<131, 119, 4, 0xF4, 0x90, 0x80, 0x80>>},
      {"atom_utf8_ext_118_invalid", <<131, 118, 0, 3, ?a, 0xFF, ?b>>},
      {"atom_256_ascii_chars_utf8_ext", <<131, 118, 1, 0, :binary.copy("a", 256)::binary>>},
      {"atom_256_chars_atom_ext", <<131, 100, 1, 0, :binary.copy("a", 256)::binary>>},
      {"atom_256_e_acute_512_bytes", <<131, 118, 2, 0, :binary.copy("é", 256)::binary>>},
      {"pid_node_invalid_utf8", <<131, 88, 119, 1, 0xFF, 1::32, 0::32, 1::32>>},
      {:section, "Maps"},
      {"map_key_without_value", <<131, 116, 1::32, 97, 1>>},
      {"map_3_items_for_2_pairs", <<131, 116, 2::32, 97, 1, 97, 2, 97, 3>>},
      {"map_duplicate_keys_flatmap", <<131, 116, 2::32, 100, 0, 1, ?a, 97, 1, 100, 0, 1, ?a, 97, 2>>},
      {"map_duplicate_keys_utf8_and_latin1_atom", <<131, 116, 2::32, 119, 1, ?a, 97, 1, 100, 0, 1, ?a, 97, 2>>},
      {"map_duplicate_keys_hashmap_33", dup33},
      {:section, "Compressed (tag 80)"},
      {"compressed_size_too_big", <<131, 80, csz + 1::32, zdata::binary>>},
      {"compressed_size_too_small", <<131, 80, csz - 1::32, zdata::binary>>},
      {"compressed_size_0", <<131, 80, 0::32, zdata::binary>>},
      {"compressed_size_2p32_minus_1", <<131, 80, 0xFFFFFFFF::32, zdata::binary>>},
      {"compressed_garbage_zlib", <<131, 80, csz::32, "this is not zlib data at all">>},
      {"compressed_no_data", <<131, 80, csz::32>>},
      {"compressed_empty_stream", <<131, 80, 0::32, :zlib.compress(<<>>)::binary>>},
      {"compressed_inner_has_version_byte", <<131, 80, 3::32, :zlib.compress(<<131, 97, 1>>)::binary>>},
      {"compressed_nested_compressed", <<131, 80, byte_size(zdata) + 5::32,
                                         :zlib.compress(<<80, csz::32, zdata::binary>>)::binary>>},
      {"compressed_inside_tuple", <<131, 104, 1, 80, csz::32, zdata::binary>>},
      {"compressed_inner_truncated_term", <<131, 80, 2::32, :zlib.compress(<<104, 2>>)::binary>>},
      {"compressed_declared_smaller_than_data", <<131, 80, 2::32, :zlib.compress(<<97, 1, 0>>)::binary>>},
      {"compressed_valid_header_inner_uncompressed", <<131, 80, byte_size(compressed_inner)::32, compressed_inner::binary>>},
      {:section, "Floats"},
      {"new_float_nan", <<131, 70, 0x7FF8000000000000::64>>},
      {"new_float_negative_nan", <<131, 70, 0xFFF8000000000000::64>>},
      {"new_float_signalling_nan", <<131, 70, 0x7FF0000000000001::64>>},
      {"new_float_plus_inf", <<131, 70, 0x7FF0000000000000::64>>},
      {"new_float_minus_inf", <<131, 70, 0xFFF0000000000000::64>>},
      {"float_ext_nan", v(float_ext("nan"))},
      {"float_ext_inf", v(float_ext("inf"))},
      {"float_ext_overflow_1e999", v(float_ext("1e999"))},
      {"float_ext_underflow_1e_minus_400", v(float_ext("1e-400"))},
      {"float_ext_integer_text", v(float_ext("1"))},
      {"float_ext_garbage_suffix", v(float_ext("1.5xyz"))},
      {"float_ext_all_nul", v(float_ext(""))},
      {"float_ext_leading_space", v(float_ext(" 1.5"))},
      {:section, "Bit binaries"},
      {"bit_binary_bits_0_len_1", <<131, 77, 1::32, 0, 0xFF>>},
      {"bit_binary_bits_9", <<131, 77, 1::32, 9, 0xFF>>},
      {"bit_binary_len_0_bits_8", <<131, 77, 0::32, 8>>},
      {"bit_binary_len_0_bits_1", <<131, 77, 0::32, 1>>},
      {:section, "Pids / ports / references / funs / exports"},
      {"pid_node_is_integer", <<131, 88, 97, 3, 1::32, 0::32, 1::32>>},
      {"pid_node_is_binary", <<131, 88, 109, 3::32, "a@b", 1::32, 0::32, 1::32>>},
      {"pid_ext_old_creation_4", <<131, 103, su8("a@b")::binary, 1::32, 0::32, 4>>},
      {"port_node_is_integer", <<131, 89, 97, 3, 1::32, 1::32>>},
      {"ref_6_words", v(newer_ref("a@b", 1, [1, 2, 3, 4, 5, 6]))},
      {"ref_node_is_integer", <<131, 90, 1::16, 97, 3, 1::32, 1::32>>},
      {"new_reference_ext_creation_5", <<131, 114, 1::16, su8("a@b")::binary, 5, 1::32>>},
      {"new_reference_ext_first_word_2p18", <<131, 114, 1::16, su8("a@b")::binary, 1, 0x40000::32>>},
      {"reference_ext_id_2p18", <<131, 101, su8("a@b")::binary, 0x40000::32, 1>>},
      {"export_module_is_integer", <<131, 113, 97, 1, su8("f")::binary, 97, 1>>},
      {"export_function_is_integer", <<131, 113, su8("m")::binary, 97, 1, 97, 1>>},
      {"export_arity_is_atom", <<131, 113, su8("m")::binary, su8("f")::binary, su8("a")::binary>>}
    ]

    trunc = truncations(valid)
    fixed ++ [{:section, "Truncations of valid vectors (per top-level tag: after the tag byte, middle, one byte short)"}] ++ trunc
  end

  def truncations(valid) do
    valid
    |> Enum.reject(&("trailing_bytes" in &1.flags or "bytes_unstable" in &1.flags))
    |> Enum.group_by(fn %{bin: <<131, t, _::binary>>} -> t end)
    |> Enum.sort()
    |> Enum.flat_map(fn {tag, vs} ->
      small = Enum.filter(vs, &(byte_size(&1.bin) <= 400))
      pick = Enum.max_by(if(small == [], do: vs, else: small), &byte_size(&1.bin), fn -> nil end)
      len = byte_size(pick.bin)

      [2, div(len, 2), len - 1]
      |> Enum.uniq()
      |> Enum.filter(&(&1 >= 2 and &1 < len))
      |> Enum.map(fn n -> {"trunc_#{tag}_#{pick.name}_at_#{n}_of_#{len}", binary_part(pick.bin, 0, n)} end)
    end)
  end

  # Things that look hostile but OTP 25 accepts: verified here, not written to invalid.txt.
  def accepted_checks do
    deep_t = <<131, :binary.copy(<<104, 1>>, 1_000_000)::binary, 106>>
    deep_l = <<131, :binary.copy(<<108, 1::32>>, 1_000_000)::binary, 106, :binary.copy(<<106>>, 1_000_000)::binary>>
    [
      {"1,000,000 nested SMALL_TUPLE_EXT arity 1 (2 MB input)", deep_t},
      {"1,000,000 nested LIST_EXT length 1", deep_l},
      {"trailing garbage after a complete term", <<131, 97, 1, 0>>}
    ]
  end

  # ---------------------------------------------------------- tag walker

  def tags(<<131, rest::binary>>) do
    {acc, _} = w(rest, [])
    acc
  end

  defp w(<<97, _, r::binary>>, a), do: {[97 | a], r}
  defp w(<<98, _::32, r::binary>>, a), do: {[98 | a], r}
  defp w(<<70, _::64, r::binary>>, a), do: {[70 | a], r}
  defp w(<<99, _::binary-size(31), r::binary>>, a), do: {[99 | a], r}
  defp w(<<t, n::16, _::binary-size(n), r::binary>>, a) when t in [100, 118], do: {[t | a], r}
  defp w(<<t, n, _::binary-size(n), r::binary>>, a) when t in [115, 119], do: {[t | a], r}
  defp w(<<104, n, r::binary>>, a), do: many(r, n, [104 | a])
  defp w(<<105, n::32, r::binary>>, a), do: many(r, n, [105 | a])
  defp w(<<106, r::binary>>, a), do: {[106 | a], r}
  defp w(<<107, n::16, _::binary-size(n), r::binary>>, a), do: {[107 | a], r}
  defp w(<<108, n::32, r::binary>>, a), do: many(r, n + 1, [108 | a])
  defp w(<<109, n::32, _::binary-size(n), r::binary>>, a), do: {[109 | a], r}
  defp w(<<77, n::32, _, _::binary-size(n), r::binary>>, a), do: {[77 | a], r}
  defp w(<<110, n, _, _::binary-size(n), r::binary>>, a), do: {[110 | a], r}
  defp w(<<111, n::32, _, _::binary-size(n), r::binary>>, a), do: {[111 | a], r}
  defp w(<<116, n::32, r::binary>>, a), do: many(r, 2 * n, [116 | a])
  defp w(<<88, r::binary>>, a), do: node_then(r, 12, [88 | a])
  defp w(<<103, r::binary>>, a), do: node_then(r, 9, [103 | a])
  defp w(<<89, r::binary>>, a), do: node_then(r, 8, [89 | a])
  defp w(<<120, r::binary>>, a), do: node_then(r, 12, [120 | a])
  defp w(<<102, r::binary>>, a), do: node_then(r, 5, [102 | a])
  defp w(<<101, r::binary>>, a), do: node_then(r, 5, [101 | a])
  defp w(<<90, n::16, r::binary>>, a), do: node_then(r, 4 + 4 * n, [90 | a])
  defp w(<<114, n::16, r::binary>>, a), do: node_then(r, 1 + 4 * n, [114 | a])
  defp w(<<112, _::32, _, _::binary-size(16), _::32, nfree::32, r::binary>>, a), do: many(r, 4 + nfree, [112 | a])
  defp w(<<113, r::binary>>, a), do: many(r, 3, [113 | a])

  defp w(<<80, _::32, z::binary>>, a) do
    zs = :zlib.open()
    :ok = :zlib.inflateInit(zs)
    data = IO.iodata_to_binary(:zlib.inflate(zs, z))
    :zlib.close(zs)
    {a2, _} = w(data, [80 | a])
    {a2, <<>>}
  end

  defp many(r, 0, a), do: {a, r}

  defp many(r, n, a) do
    {a2, r2} = w(r, a)
    many(r2, n - 1, a2)
  end

  defp node_then(r, k, a) do
    {a2, r2} = w(r, a)
    <<_::binary-size(k), r3::binary>> = r2
    {a2, r3}
  end

  # ------------------------------------------------------------------ main

  def check_line_field!(name, s) do
    if String.contains?(s, ["\t", "\n", "\r"]), do: raise("#{name}: field contains tab/newline")
    s
  end

  def main do
    dir = Path.dirname(__ENV__.file)
    items = vectors()
    vecs = Enum.filter(items, &is_map/1)

    names = Enum.map(vecs, & &1.name)
    dups = names -- Enum.uniq(names)
    if dups != [], do: raise("duplicate vector names: #{inspect(dups)}")

    processed =
      Enum.map(items, fn
        {:section, _} = s ->
          s

        %{name: name, bin: bin, expect: expect, flags: extra} = vec ->
          unless name =~ ~r/^[a-z0-9_]+$/, do: raise("bad name #{name}")
          <<131, _::binary>> = bin
          term =
            try do
              dec(bin)
            rescue
              e -> raise "#{name}: OTP rejected a valid vector: #{Exception.message(e)}"
            end

          canon = enc(term)
          rt = canon == bin
          if rt != (expect == :roundtrip),
            do: raise("#{name}: expected #{expect}, roundtrip=#{rt} (#{hex(bin)} -> #{hex(canon)})")

          if dec(canon) != term and not is_float(term), do: raise("#{name}: canonical bytes decode differently")
          flags = [if(rt, do: "roundtrip", else: "decode_only") | extra]
          ins = check_line_field!(name, insp(term))
          Map.merge(vec, %{inspect: ins, canon: canon, line_flags: flags, tags: tags(bin)})
      end)

    pvecs = Enum.filter(processed, &is_map/1)

    # tag coverage
    present = pvecs |> Enum.flat_map(& &1.tags) |> Enum.uniq()
    missing = @required_tags -- present
    if missing != [], do: raise("tags not covered: #{inspect(missing)}")

    top = Enum.frequencies_by(pvecs, fn %{bin: <<131, t, _::binary>>} -> t end)
    anywhere = pvecs |> Enum.flat_map(&Enum.uniq(&1.tags)) |> Enum.frequencies()

    coverage =
      @required_tags
      |> Enum.sort()
      |> Enum.map(fn t ->
        "#   #{String.pad_leading("#{t}", 3)} #{String.pad_trailing(@tag_names[t], 21)} top-level #{String.pad_leading("#{Map.get(top, t, 0)}", 3)}, anywhere #{String.pad_leading("#{Map.get(anywhere, t, 0)}", 3)}"
      end)

    versions =
      "Erlang/OTP #{:erlang.system_info(:otp_release)} (erts #{:erlang.system_info(:version)}), Elixir #{System.version()}"

    header = """
    # ETF (Erlang External Term Format, version 131) valid test vectors for ciex.
    # GENERATED by tests/etf/gen_vectors.exs from #{versions}.
    # Do not edit by hand; regenerate from the repo root: elixir tests/etf/gen_vectors.exs
    #
    # Line format (5 TAB-separated columns, always):
    #   NAME  HEX  INSPECT  FLAGS  CANON_HEX
    # HEX       lowercase hex of the whole external binary (starts with 83).
    # INSPECT   Kernel.inspect(:erlang.binary_to_term(HEX), limit: :infinity, printable_limit: :infinity)
    #           (never contains a TAB or newline: inspect escapes them).
    # FLAGS     comma-separated:
    #   roundtrip        CANON_HEX == HEX: HEX is exactly what the canonical encoder emits.
    #   decode_only      OTP decodes HEX but never emits it; CANON_HEX is OTP's re-encoding.
    #   local_node       contains a pid/port/ref of the generating VM (node nonode@nohost,
    #                    creation 0), which Elixir prints with node index 0 (e.g. #PID<0.96.0>).
    #   bytes_unstable   HEX may change when regenerated (self(), make_ref(), port numbers,
    #                    funs that embed the creator pid / module MD5); the row stays self-consistent.
    #   inspect_unstable INSPECT depends on VM state or code versions, not only on the bytes
    #                    (fun names are looked up in the loaded module; erl_eval uniq depends on
    #                    the OTP build; local pid/ref/port numbers).  Check bytes, not the text.
    #   hamt_order       contains a map with > 32 keys: OTP encodes and inspects such maps in its
    #                    internal hash-trie (HAMT) order, not in sorted key order.
    #   trailing_bytes   HEX has bytes after the complete term; OTP 25 binary_to_term/1 ignores them.
    # CANON_HEX term_to_binary(binary_to_term(HEX), [{minor_version, 2}]).
    #
    # Canonical encoder: term_to_binary(T, [{minor_version, 2}]), i.e. atoms always as
    # SMALL_ATOM_UTF8_EXT/ATOM_UTF8_EXT.  NOTE: OTP 25's *default* term_to_binary uses
    # minor_version 1, which writes Latin-1-representable atoms as ATOM_EXT (100) (see the
    # otp25_default_* rows).  minor_version 2 is the OTP 26+ default and matches what OTP 25
    # sends on the distribution (DFLAG_UTF8_ATOMS is mandatory there), so it is used here.
    #
    # Remote pids/ports/refs: OTP prints them with a node-table index that is not reproducible
    # (e.g. #PID<13530.117.0>).  For any pid/port/ref whose node is not the generating VM the
    # index is replaced by the literal token N: #PID<N.117.0>, #Port<N.5>, #Reference<N.3.2.1>.
    #
    # Verified accepted by OTP 25 (so absent from invalid.txt): trailing bytes after a term,
    # 1,000,000 nested 1-tuples, 1,000,000 nested 1-element lists.
    #
    # Tag coverage (number of vectors whose top-level tag is T / that contain T anywhere):
    #{Enum.join(coverage, "\n")}
    """

    body =
      processed
      |> Enum.map(fn
        {:section, s} ->
          "\n# --- #{s}"

        p ->
          c = if p.comment, do: "# #{p.name}: #{p.comment}\n", else: ""
          c <> Enum.join([p.name, hex(p.bin), p.inspect, Enum.join(p.line_flags, ","), hex(p.canon)], "\t")
      end)
      |> Enum.join("\n")

    File.write!(Path.join(dir, "vectors.txt"), header <> body <> "\n")

    # ---------------------------------------------------------- invalid
    for {what, bin} <- accepted_checks() do
      try do
        _ = dec(bin)
      rescue
        _ -> raise "expected OTP to accept: #{what}"
      end
    end

    # NEW_FUN whose creator "pid" is not a pid: OTP 25 accepts it and then crashes
    # (segfault) in term_to_binary; only decoded here, inside a throwaway process.
    bad_fun = :binary.replace(enc(ETFVec.M.f(1)), inner(self()), <<97, 1>>)
    {pid, mref} = spawn_monitor(fn -> exit({:decoded, match?(f when is_function(f), dec(bad_fun))}) end)
    receive do
      {:DOWN, ^mref, :process, ^pid, {:decoded, true}} -> :ok
      {:DOWN, ^mref, :process, ^pid, other} -> raise "bad-fun check changed: #{inspect(other)}"
    end

    inv = invalid_vectors(pvecs)
    inames = for {n, _} <- inv, is_binary(n), do: n
    if inames -- Enum.uniq(inames) != [], do: raise("duplicate invalid names")

    valid_hex = MapSet.new(pvecs, &hex(&1.bin))

    inv_lines =
      Enum.map(inv, fn
        {:section, s} ->
          "\n# --- #{s}"

        {name, bin} ->
          unless name =~ ~r/^[a-z0-9_]+$/, do: raise("bad name #{name}")
          if MapSet.member?(valid_hex, hex(bin)), do: raise("#{name} is a valid vector")

          accepted =
            try do
              {:accepted, dec(bin)}
            rescue
              ArgumentError -> :rejected
            end

          if accepted != :rejected, do: raise("invalid vector #{name} was accepted by OTP: #{inspect(accepted)}")
          "#{name}\t#{hex(bin)}"
      end)

    inv_header = """
    # ETF (version 131) INVALID inputs for ciex: :erlang.binary_to_term/1 raises ArgumentError
    # (badarg) on every line below.  GENERATED by tests/etf/gen_vectors.exs from #{versions}.
    # Do not edit by hand; regenerate from the repo root: elixir tests/etf/gen_vectors.exs
    #
    # Line format: NAME<TAB>HEX   (HEX = lowercase hex of the whole input; may be empty)
    #
    # Huge inputs, not stored here (generate them in the C test):
    #   - lists/tuples/binaries claiming 2^32-1 or 1e9 elements are stored with tiny bodies
    #     (see *_2p32_minus_1_* and list_1e9_elements); a decoder must not pre-allocate from the count.
    #
    # NOT invalid -- verified ACCEPTED by OTP 25, so deliberately absent here:
    #   - trailing bytes after a complete term (binary_to_term/1 ignores them; also bytes after the
    #     zlib stream of a compressed term, and extra bytes inside its uncompressed data);
    #   - deep nesting: 1,000,000 nested SMALL_TUPLE_EXT of arity 1 (83 6801 6801 ... 6a, 2 MB)
    #     and 1,000,000 nested 1-element LIST_EXT decode fine (OTP's decoder is iterative, and
    #     10,000,000 nested 1-tuples were also accepted by hand);
    #   - a NEW_FUN_EXT whose Size field is wrong (ignored), a LIST_EXT with 0 elements (= its tail),
    #     BIT_BINARY_EXT with dirty unused bits, SMALL_BIG_EXT sign byte 2 (= negative);
    #   - a NEW_FUN_EXT whose creator-pid field is not a pid (e.g. SMALL_INTEGER 1): OTP 25 accepts
    #     it, and term_to_binary of the result then segfaults the VM.  A C decoder should reject it.
    # Duplicate map keys ARE rejected (flatmap and hashmap), as are NaN/Inf floats and atoms over
    # 255 characters.
    """

    File.write!(Path.join(dir, "invalid.txt"), inv_header <> Enum.join(inv_lines, "\n") <> "\n")

    IO.puts(
      "wrote #{length(pvecs)} valid vectors and #{length(inames)} invalid vectors to #{dir}"
    )
  end
end

ETFVec.Gen.main()
