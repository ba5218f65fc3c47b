# Extracts the iex> examples of the documentation of Elixir's modules into
# doctest cases, and records what real elixir prints for them.  Run with
# real elixir (`make doctests-extract`):
#
#   elixir tests/doctests/extract.exs            # every module of @modules
#   elixir tests/doctests/extract.exs Enum List  # some modules
#
# The examples are taken and grouped by ExUnit.DocTest's own extraction
# (its private extract/1, loaded from the abstract code of the installed
# ExUnit.DocTest under another name): consecutive iex>/...> lines with
# their expected results form one case and share bindings, an empty line
# starts a new case, `** (Error) message` results are exceptions.
#
# For each module it writes
#   cases/MODULE.exs     [{id, doc_line, skip_reason | nil, code}, ...]
#   expected/MODULE.out  what `elixir run.exs cases/MODULE.exs` printed
# The cases are run twice on the BEAM: a case whose output differs between
# the two runs, or that prints a pid, reference or port (identities the
# BEAM numbers as it likes), is marked skipped with its reason.
defmodule DocTestExtract do
  @modules ~w(Enum List Map Keyword String Integer Float Tuple Stream Range MapSet
    Kernel Access Atom Bitwise Function IO Agent Process Regex Base Code Macro
    GenServer Date Time NaiveDateTime DateTime URI Protocol Calendar Calendar.ISO
    Inspect)

  # modules whose doctests Elixir's own test suite runs with `import: true`
  @imported ~w(Bitwise)

  @dir Path.dirname(__ENV__.file)

  def main([]), do: main(@modules)

  def main(names) do
    load_extractor()
    File.mkdir_p!(Path.join(@dir, "cases"))
    File.mkdir_p!(Path.join(@dir, "expected"))

    names
    |> Task.async_stream(&module/1, timeout: :infinity, max_concurrency: 2)
    |> Enum.each(fn {:ok, line} -> IO.puts(line) end)
  end

  # ExUnit.DocTest's private functions, exported, as :ciex_doctest_extract
  defp load_extractor do
    path = :code.which(ExUnit.DocTest)
    {:ok, {_, [abstract_code: {:raw_abstract_v1, forms}]}} = :beam_lib.chunks(path, [:abstract_code])

    forms =
      Enum.map(forms, fn
        {:attribute, l, :module, _} -> {:attribute, l, :module, :ciex_doctest_extract}
        {:attribute, l, :export, _} -> {:attribute, l, :compile, :export_all}
        form -> form
      end)

    {:ok, mod, bin} = :compile.forms(forms, [:return_errors, :nowarn_export_all])
    {:module, _} = :code.load_binary(mod, 'ciex_doctest_extract', bin)
  end

  defp module(name) do
    mod = Module.concat([name])
    cases = cases(mod)
    cases_file = Path.join([@dir, "cases", name <> ".exs"])
    write_cases(cases_file, name, cases)

    first = run_beam(cases_file)
    second = run_beam(cases_file)

    cases =
      for {id, line, nil, code} <- cases do
        {id, line, skip_reason(first[id], second[id]), code}
      end

    write_cases(cases_file, name, cases)

    expected =
      for {id, _, nil, _} <- cases, into: "" do
        "== #{id}\n" <> first[id]
      end

    File.write!(Path.join([@dir, "expected", name <> ".out"]), expected)
    skipped = Enum.count(cases, &elem(&1, 2))
    "#{name}: #{length(cases)} cases, #{skipped} skipped"
  end

  defp skip_reason(nil, _), do: "no output on the BEAM"
  defp skip_reason(a, b) when a != b, do: "output differs between two BEAM runs"

  defp skip_reason(a, _) do
    cond do
      a =~ ~r/#(PID|Reference|Port)</ ->
        "prints a pid, reference or port"

      # an error where the doc expects a value: the example needs what
      # the docs do not give (a module defined outside the iex> lines, a
      # test-suite module such as Calendar.Holocene)
      a =~ ~r/^\*\* /m ->
        "raises on the BEAM too"

      true ->
        nil
    end
  end

  # {id, line, nil, code} in doc order; ids are MODULE.FUN/ARITY.N (N-th
  # case of that function's doc) or MODULE.moduledoc.N
  defp cases(mod) do
    # apply/3: the module exists only once load_extractor/0 has run
    tests = apply(:ciex_doctest_extract, :extract, [mod])

    {cases, _} =
      Enum.map_reduce(tests, %{}, fn test, seen ->
        where =
          case test.fun_arity do
            :moduledoc -> "moduledoc"
            {fun, arity} -> "#{fun}/#{arity}"
          end

        n = Map.get(seen, where, 0) + 1
        id = "#{inspect(mod)}.#{where}.#{n}"
        {{id, test.line, nil, code(mod, test.exprs)}, Map.put(seen, where, n)}
      end)

    cases
  end

  @inspect_opts "limit: :infinity, printable_limit: :infinity"

  # the module is required (imported for @imported), as in the test
  # modules of Elixir that run its doctests (Integer.is_even/1 is a macro)
  defp code(mod, exprs) do
    use = if inspect(mod) in @imported, do: "import", else: "require"
    "#{use} #{inspect(mod)}\n" <> code(exprs)
  end

  # the value goes straight into the call that prints it: no variable of
  # the snippet's own shows in binding(), and the bindings, aliases and
  # imports of an expression hold for the next ones
  defp code(exprs) do
    exprs
    |> Enum.with_index(1)
    |> Enum.map_join(fn
      {{expr, {:error, _, _}, _}, n} ->
        """
        IO.puts("#{n}> " <>
          try do
            inspect((
        #{expr}
            ), #{@inspect_opts})
          rescue
            doctest_error__ ->
              "** (" <> inspect(doctest_error__.__struct__) <> ") " <> Exception.message(doctest_error__)
          end)
        """

      {{expr, _expected, _}, n} ->
        """
        IO.puts("#{n}> " <> inspect((
        #{expr}
        ), #{@inspect_opts}))
        """
    end)
  end

  defp write_cases(file, name, cases) do
    body = Enum.map_join(cases, ",\n", &inspect(&1, limit: :infinity, printable_limit: :infinity))

    File.write!(file, """
    # The iex> examples of #{name}'s documentation (Elixir #{System.version()}),
    # written by extract.exs: do not edit, run `make doctests-extract`.
    [
    #{body}
    ]
    """)
  end

  # %{id => output} of one run of the cases on the BEAM
  defp run_beam(cases_file) do
    {out, _} =
      System.cmd("elixir", [Path.join(@dir, "run.exs"), cases_file],
        env: [{"LC_ALL", "C.UTF-8"}],
        stderr_to_stdout: false
      )

    parse(out)
  end

  def parse(out) do
    out
    |> String.split(~r/^== /m, trim: true)
    |> Map.new(fn chunk ->
      [id, rest] = String.split(chunk, "\n", parts: 2)
      {id, rest}
    end)
  end
end

DocTestExtract.main(System.argv())
