# Makes each fn of cases.txt into a fun on this node (as iex would, by
# evaluation) and writes the erl_eval env of each to the file OUT:
# [{source, [env] | :no_compile}] in the external term format.

sources =
  File.read!(System.get_env("CASES"))
  |> String.split("\n")
  |> Enum.reject(&(&1 == "" or String.starts_with?(&1, "#")))

envs =
  for src <- sources do
    try do
      {f, _} = Code.eval_string(src)
      {src, elem(:erlang.fun_info(f, :env), 1)}
    rescue
      _ -> {src, :no_compile}
    end
  end

File.write!(System.get_env("OUT"), :erlang.term_to_binary(envs))
