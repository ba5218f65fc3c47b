# The calendar types as structs: literals with defaults, update, matching,
# Map functions, and everyday computations (an age, weekdays in a range).
defmodule T do
  def go do
    IO.inspect %Date{year: 2024, month: 1, day: 1}
    IO.inspect %Time{hour: 1, minute: 2, second: 3}
    IO.inspect struct(Date, year: 2024, month: 5, day: 6)
    IO.inspect %{~D[2024-01-01] | day: 31}
    IO.inspect Map.from_struct(~D[2024-01-01])
    IO.inspect is_struct(~D[2024-01-01], Date)
    IO.inspect match?(%Date{month: 1}, ~D[2024-01-01])
    %Date{year: y} = ~D[2024-01-01]
    IO.inspect y
  end
end
T.go()
birthday = ~D[1990-05-17]
today = ~D[2024-05-16]
age = today.year - birthday.year - if({today.month, today.day} < {birthday.month, birthday.day}, do: 1, else: 0)
IO.inspect age
IO.inspect Date.diff(today, birthday) |> div(365)
IO.inspect Enum.group_by(Date.range(~D[2024-01-01], ~D[2024-01-14]), &Date.day_of_week/1) |> Map.get(1)
IO.inspect Date.range(~D[2024-01-01], ~D[2024-01-14]) |> Enum.filter(&(Date.day_of_week(&1) in [6, 7])) |> length()
IO.inspect inspect(~D[2024-01-01])
IO.inspect [date: ~D[2024-01-01]]
IO.inspect Date.range(~D[2024-01-01], ~D[2024-01-03]) |> Enum.reverse()
IO.inspect Date.range(~D[2024-01-01], ~D[2024-01-03]) |> Enum.member?(~D[2024-01-02])
IO.inspect Date.range(~D[2024-01-01], ~D[2024-01-03]) |> Enum.at(1)
IO.inspect Date.range(~D[2024-01-01], ~D[2024-01-03]) |> Map.take([:first, :last, :step])
