# File: whole files, directories and the working directory, on the C
# primitives of bif_file.c.  Errors are {:error, posix} with OTP's atoms;
# the bang functions raise File.Error (01_exception.ex).
defmodule File do
  def read(path), do: :ciex.file_read(name(path))

  def read!(path), do: bang(read(path), "read file", path)

  def write(path, content, modes \\ []) do
    :ciex.file_write(name(path), IO.iodata_to_binary(content), :append in modes)
  end

  def write!(path, content, modes \\ []), do: bang(write(path, content, modes), "write to file", path)

  def exists?(path), do: is_atom(:ciex.file_type(name(path)))
  def dir?(path), do: :ciex.file_type(name(path)) == :directory
  def regular?(path), do: :ciex.file_type(name(path)) == :regular

  def ls(path \\ "."), do: :ciex.file_ls(name(path))

  def ls!(path \\ "."), do: bang(ls(path), "list directory", path)

  def rm(path), do: :ciex.file_rm(name(path))

  def rm!(path), do: bang(rm(path), "remove file", path)

  def rmdir(path), do: :ciex.file_rmdir(name(path))

  def rmdir!(path), do: bang(rmdir(path), "remove directory", path)

  def mkdir(path), do: :ciex.file_mkdir(name(path))

  def mkdir!(path), do: bang(mkdir(path), "make directory", path)

  # every missing directory on the way; :ok when it is there already
  def mkdir_p(path) do
    path = name(path)
    case :ciex.file_type(path) do
      :directory ->
        :ok
      _ ->
        parent = Path.dirname(path)
        with :ok <- (if parent == path, do: :ok, else: mkdir_p(parent)) do
          case mkdir(path) do
            {:error, :eexist} -> if dir?(path), do: :ok, else: {:error, :eexist}
            other -> other
          end
        end
    end
  end

  def mkdir_p!(path), do: bang(mkdir_p(path), "make directory (with -p)", path)

  def cwd(), do: :ciex.file_cwd()

  def cd(path), do: :ciex.file_cd(name(path))
  def cd!(path), do: bang(cd(path), "set current working directory to", path)

  def cwd!() do
    {:ok, dir} = cwd()
    dir
  end

  # the bang forms: the value, or File.Error
  defp bang(:ok, _action, _path), do: :ok
  defp bang({:ok, value}, _action, _path), do: value
  defp bang({:error, reason}, action, path), do: raise(File.Error, reason: reason, action: action, path: name(path))

  defp name(path) when is_binary(path), do: path
  defp name(path), do: IO.chardata_to_string(path)
end

# Path: the parts of "/"-separated paths.
defmodule Path do
  # absname/1,2: relative paths under the working directory (or `relative_to`);
  # "." segments go, ".." and "~" stay (expand/1,2 resolves them).
  def absname(path), do: absname(path, File.cwd!())
  def absname(path, relative_to) do
    path = name(path)
    case path do
      "/" <> _ -> join_segments("", path)
      _ -> join_segments(name(relative_to), path)
    end
  end

  def expand(path), do: expand(path, File.cwd!())
  def expand(path, relative_to) do
    path = name(path)
    path =
      case path do
        "~" -> System.get_env("HOME") || "~"
        "~/" <> rest -> (System.get_env("HOME") || "~") <> "/" <> rest
        _ -> path
      end
    absname(path, expand_dir(relative_to)) |> resolve_dots()
  end

  defp expand_dir(dir) do
    case name(dir) do
      "/" <> _ = abs -> resolve_dots(abs)
      rel -> absname(rel)
    end
  end

  defp join_segments(base, path) do
    parts = :binary.split(path, "/", [:global]) |> Enum.reject(&(&1 == "." or &1 == ""))
    Enum.join([String.trim_trailing(base, "/") | parts], "/") |> ensure_root()
  end

  defp resolve_dots(path) do
    parts = :binary.split(path, "/", [:global]) |> Enum.reject(&(&1 == "" or &1 == "."))
    kept = Enum.reduce(parts, [], fn
      "..", [] -> []
      "..", [_ | rest] -> rest
      part, acc -> [part | acc]
    end)
    "/" <> Enum.join(Enum.reverse(kept), "/")
  end

  defp ensure_root(""), do: "/"
  defp ensure_root(path), do: path

  def dirname(path) do
    case :binary.split(name(path), "/", [:global]) do
      [_] ->
        "."
      parts ->
        parent = Enum.join(Enum.drop(parts, -1), "/")
        if parent == "", do: "/", else: parent
    end
  end

  def basename(path) do
    path |> name() |> String.trim_trailing("/") |> :binary.split("/", [:global]) |> List.last()
  end

  def basename(path, extension) do
    base = basename(path)
    if String.ends_with?(base, extension), do: binary_part(base, 0, byte_size(base) - byte_size(extension)), else: base
  end

  def extname(path) do
    base = basename(path)
    case :binary.matches(base, ".") do
      [] -> ""
      matches ->
        {at, _} = List.last(matches)
        if at == 0, do: "", else: binary_part(base, at, byte_size(base) - at)
    end
  end

  # as :filename.rootname: from the last dot of the last part, even a leading one
  def rootname(path) do
    p = name(path)
    base = basename(p)
    case :binary.matches(base, ".") do
      [] -> p
      matches ->
        {at, _} = List.last(matches)
        binary_part(p, 0, byte_size(p) - (byte_size(base) - at))
    end
  end

  def join([first | rest]), do: Enum.reduce(rest, name(first), fn part, acc -> join(acc, part) end)

  def join(left, right) do
    left = name(left)
    right = name(right) |> String.trim_leading("/")
    cond do
      left == "" -> right
      right == "" -> left
      true -> String.trim_trailing(left, "/") <> "/" <> right
    end
  end

  defp name(path) when is_binary(path), do: path
  defp name(path), do: IO.chardata_to_string(path)
end
