defmodule A do
  require Nope.Mod
end
