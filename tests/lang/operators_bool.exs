# Boolean operators: and/or/not (strict) versus &&/||/! (truthy), precedence.
IO.inspect(true and false, label: "true and false")
IO.inspect(true or false, label: "true or false")
IO.inspect(not true, label: "not true")
IO.inspect(false and raise("never"), label: "and short-circuits")
IO.inspect(true or raise("never"), label: "or short-circuits")
IO.inspect(true and :anything, label: "and returns right operand")
IO.inspect(false or nil, label: "or returns right operand")
IO.inspect(nil && 1, label: "nil && 1")
IO.inspect(1 && 2, label: "1 && 2")
IO.inspect(false || :default, label: "false || :default")
IO.inspect(0 || :x, label: "0 is truthy")
IO.inspect("" || :x, label: "empty string is truthy")
IO.inspect(!nil, label: "!nil")
IO.inspect(!0, label: "!0")
IO.inspect(!!:a, label: "!!:a")
IO.inspect(nil || false, label: "nil || false")
IO.inspect(true or false and false, label: "and binds tighter than or")
IO.inspect((true or false) and false, label: "parenthesised")
IO.inspect(not false and false, label: "not binds tighter than and")
IO.inspect(1 == 1 and 2 == 2, label: "comparison inside and")
IO.inspect(false || nil || 3, label: "chained ||")
IO.inspect(1 && nil && 3, label: "chained &&")
IO.inspect(true && false || true, label: "&& before ||")
IO.inspect(!true || true, label: "! binds tightest")
IO.inspect(x = nil || 5, label: "match with ||")
IO.inspect(x, label: "bound x")
IO.inspect(is_nil(nil) and not is_nil(1), label: "is_nil")
try do
  IO.inspect(1 and true)
rescue
  e -> IO.inspect(e.__struct__, label: "1 and true raises")
end
try do
  IO.inspect(not Enum.at([1], 0))
rescue
  e -> IO.inspect(e.__struct__, label: "not 1 raises")
end
IO.inspect(Enum.filter([1, nil, false, 2], & &1), label: "truthy filter")
