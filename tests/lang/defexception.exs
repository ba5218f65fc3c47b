# defexception: fields, default messages, custom message/1, exception/1.
defmodule MyError do
  defexception message: "my default message"
end

defmodule NotFound do
  defexception [:resource, :id]

  @impl true
  def message(%{resource: r, id: id}), do: "#{r} #{inspect(id)} not found"
end

defmodule Wrapped do
  defexception [:reason, message: "wrapped"]

  @impl true
  def exception(reason) do
    %Wrapped{reason: reason, message: "wrapped: #{inspect(reason)}"}
  end
end

# Struct literals of the exceptions need a module compiled after them.
defmodule DefexceptionTest do
  def run do
    show = fn f ->
      try do
        f.()
      rescue
        e -> {e.__struct__, Exception.message(e), e}
      end
    end
    IO.inspect(show.(fn -> raise MyError end), label: "default message")
    IO.inspect(show.(fn -> raise MyError, "given" end), label: "given message")
    IO.inspect(show.(fn -> raise MyError, message: "kw" end), label: "kw message")
    IO.inspect(show.(fn -> raise NotFound, resource: "user", id: 42 end), label: "custom message/1")
    IO.inspect(show.(fn -> raise Wrapped, :timeout end), label: "custom exception/1")
    r = try do
      raise NotFound, resource: :kv, id: "k"
    rescue
      e in NotFound -> {:matched_struct, e.resource, e.id}
    end
    IO.inspect(r, label: "rescue by custom module")
    IO.inspect(%MyError{}, label: "struct literal")
    IO.inspect(MyError.exception([]), label: "exception([])")
    IO.inspect(Exception.exception?(%NotFound{}), label: "exception?")
    IO.inspect(Map.keys(%NotFound{}) |> Enum.sort(), label: "fields include __exception__")
    IO.inspect(%NotFound{}.__exception__, label: "__exception__ value")
    r = try do
      raise %NotFound{resource: "direct", id: 1}
    rescue
      e -> Exception.message(e)
    end
    IO.inspect(r, label: "raise struct directly")
  end
end

DefexceptionTest.run()
