# IO.ANSI: the escape sequences of ANSI terminals, and format/2, which
# turns a list of text and sequence names into iodata, as Elixir 1.14's.
# enabled?/0 is true in the shell on a terminal, as iex sets it.
defmodule IO.ANSI do
  def enabled?(), do: :ciex.shell_ansi() == true

  def syntax_colors() do
    [atom: :cyan, binary: :default_color, boolean: :magenta, charlist: :yellow, list: :default_color,
     map: :default_color, nil: :magenta, number: :yellow, string: :green, tuple: :default_color]
  end

  def black(), do: "\e[30m"
  def black_background(), do: "\e[40m"
  def blink_off(), do: "\e[25m"
  def blink_rapid(), do: "\e[6m"
  def blink_slow(), do: "\e[5m"
  def blue(), do: "\e[34m"
  def blue_background(), do: "\e[44m"
  def bright(), do: "\e[1m"
  def conceal(), do: "\e[8m"
  def crossed_out(), do: "\e[9m"
  def cyan(), do: "\e[36m"
  def cyan_background(), do: "\e[46m"
  def default_background(), do: "\e[49m"
  def default_color(), do: "\e[39m"
  def encircled(), do: "\e[52m"
  def faint(), do: "\e[2m"
  def font_1(), do: "\e[11m"
  def font_2(), do: "\e[12m"
  def font_3(), do: "\e[13m"
  def font_4(), do: "\e[14m"
  def font_5(), do: "\e[15m"
  def font_6(), do: "\e[16m"
  def font_7(), do: "\e[17m"
  def font_8(), do: "\e[18m"
  def font_9(), do: "\e[19m"
  def framed(), do: "\e[51m"
  def green(), do: "\e[32m"
  def green_background(), do: "\e[42m"
  def inverse(), do: "\e[7m"
  def inverse_off(), do: "\e[27m"
  def italic(), do: "\e[3m"
  def light_black(), do: "\e[90m"
  def light_black_background(), do: "\e[100m"
  def light_blue(), do: "\e[94m"
  def light_blue_background(), do: "\e[104m"
  def light_cyan(), do: "\e[96m"
  def light_cyan_background(), do: "\e[106m"
  def light_green(), do: "\e[92m"
  def light_green_background(), do: "\e[102m"
  def light_magenta(), do: "\e[95m"
  def light_magenta_background(), do: "\e[105m"
  def light_red(), do: "\e[91m"
  def light_red_background(), do: "\e[101m"
  def light_white(), do: "\e[97m"
  def light_white_background(), do: "\e[107m"
  def light_yellow(), do: "\e[93m"
  def light_yellow_background(), do: "\e[103m"
  def magenta(), do: "\e[35m"
  def magenta_background(), do: "\e[45m"
  def no_underline(), do: "\e[24m"
  def normal(), do: "\e[22m"
  def not_framed_encircled(), do: "\e[54m"
  def not_italic(), do: "\e[23m"
  def not_overlined(), do: "\e[55m"
  def overlined(), do: "\e[53m"
  def primary_font(), do: "\e[10m"
  def red(), do: "\e[31m"
  def red_background(), do: "\e[41m"
  def reset(), do: "\e[0m"
  def reverse(), do: "\e[7m"
  def reverse_off(), do: "\e[27m"
  def underline(), do: "\e[4m"
  def white(), do: "\e[37m"
  def white_background(), do: "\e[47m"
  def yellow(), do: "\e[33m"
  def yellow_background(), do: "\e[43m"
  def home(), do: "\e[H"
  def clear(), do: "\e[2J"
  def clear_line(), do: "\e[2K"

  # 256 colours: 0..255, or red, green and blue in 0..5 each
  def color(code) when is_integer(code) and code >= 0 and code < 256, do: "\e[38;5;#{code}m"
  def color(r, g, b) when r in 0..5 and g in 0..5 and b in 0..5, do: color(16 + 36 * r + 6 * g + b)
  def color_background(code) when is_integer(code) and code >= 0 and code < 256, do: "\e[48;5;#{code}m"
  def color_background(r, g, b) when r in 0..5 and g in 0..5 and b in 0..5, do: color_background(16 + 36 * r + 6 * g + b)

  def cursor(line, column) when is_integer(line) and line >= 0 and is_integer(column) and column >= 0 do
    "\e[#{line};#{column}H"
  end
  def cursor_up(lines \\ 1) when is_integer(lines) and lines > 0, do: "\e[#{lines}A"
  def cursor_down(lines \\ 1) when is_integer(lines) and lines > 0, do: "\e[#{lines}B"
  def cursor_right(columns \\ 1) when is_integer(columns) and columns > 0, do: "\e[#{columns}C"
  def cursor_left(columns \\ 1) when is_integer(columns) and columns > 0, do: "\e[#{columns}D"

  # the names format/2 accepts, and their sequences
  @sequences %{
    black: "\e[30m", black_background: "\e[40m", blink_off: "\e[25m", blink_rapid: "\e[6m",
    blink_slow: "\e[5m", blue: "\e[34m", blue_background: "\e[44m", bright: "\e[1m", conceal: "\e[8m",
    crossed_out: "\e[9m", cyan: "\e[36m", cyan_background: "\e[46m", default_background: "\e[49m",
    default_color: "\e[39m", encircled: "\e[52m", faint: "\e[2m", font_1: "\e[11m", font_2: "\e[12m",
    font_3: "\e[13m", font_4: "\e[14m", font_5: "\e[15m", font_6: "\e[16m", font_7: "\e[17m",
    font_8: "\e[18m", font_9: "\e[19m", framed: "\e[51m", green: "\e[32m", green_background: "\e[42m",
    inverse: "\e[7m", inverse_off: "\e[27m", italic: "\e[3m", light_black: "\e[90m",
    light_black_background: "\e[100m", light_blue: "\e[94m", light_blue_background: "\e[104m",
    light_cyan: "\e[96m", light_cyan_background: "\e[106m", light_green: "\e[92m",
    light_green_background: "\e[102m", light_magenta: "\e[95m", light_magenta_background: "\e[105m",
    light_red: "\e[91m", light_red_background: "\e[101m", light_white: "\e[97m",
    light_white_background: "\e[107m", light_yellow: "\e[93m", light_yellow_background: "\e[103m",
    magenta: "\e[35m", magenta_background: "\e[45m", no_underline: "\e[24m", normal: "\e[22m",
    not_framed_encircled: "\e[54m", not_italic: "\e[23m", not_overlined: "\e[55m", overlined: "\e[53m",
    primary_font: "\e[10m", red: "\e[31m", red_background: "\e[41m", reset: "\e[0m", reverse: "\e[7m",
    reverse_off: "\e[27m", underline: "\e[4m", white: "\e[37m", white_background: "\e[47m", yellow: "\e[33m",
    yellow_background: "\e[43m", home: "\e[H", clear: "\e[2J", clear_line: "\e[2K"
  }

  # Walks nested lists: text stays as it is (as nested iodata, the shape
  # Elixir builds), atoms become their sequences (or nothing, unchecked,
  # when emit? is false), and format/2 ends with a reset when it emitted a
  # sequence.
  def format(ansidata, emit? \\ enabled?()) when is_boolean(emit?), do: do_format(ansidata, [], [], emit?, :maybe)
  def format_fragment(ansidata, emit? \\ enabled?()) when is_boolean(emit?), do: do_format(ansidata, [], [], emit?, false)

  defp do_format([term | rest], pending, acc, emit?, reset), do: do_format(term, [rest | pending], acc, emit?, reset)
  defp do_format(term, pending, acc, true, reset) when is_atom(term) do
    do_format([], pending, [acc | sequence(term)], true, !!reset)
  end
  defp do_format(term, pending, acc, false, reset) when is_atom(term), do: do_format([], pending, acc, false, reset)
  defp do_format(term, pending, acc, emit?, reset) when not is_list(term), do: do_format([], pending, [acc, term], emit?, reset)
  defp do_format([], [next | pending], acc, emit?, reset), do: do_format(next, pending, acc, emit?, reset)
  defp do_format([], [], acc, true, true), do: [acc | "\e[0m"]
  defp do_format([], [], acc, _emit?, _reset), do: acc

  defp sequence(name) do
    case @sequences do
      %{^name => code} -> code
      _ -> raise ArgumentError, "invalid ANSI sequence specification: " <> inspect(name)
    end
  end
end
