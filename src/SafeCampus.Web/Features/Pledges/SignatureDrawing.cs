using System.Text;

namespace SafeCampus.Web.Features.Pledges;

/// <summary>
/// The drawn signature as posted by the signing pad: SVG path data of moves and lines with integer coordinates
/// ("M12 30L14 31…") inside a 600×200 box. Anything else is dropped: signing works without a drawing.
/// </summary>
public static class SignatureDrawing
{
    public static string? Clean(string? path)
    {
        if (string.IsNullOrWhiteSpace(path) || path.Length > Domain.PledgeSignature.MaxDrawing)
        {
            return null;
        }

        foreach (var c in path)
        {
            if (!(char.IsAsciiDigit(c) || c is 'M' or 'L' or ' ' or '.'))
            {
                return null;
            }
        }

        return path.Trim();
    }

    public static string Svg(string path)
    {
        var sb = new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 600 200\" class=\"drawn-signature\">");
        sb.Append("<path d=\"").Append(path).Append("\" fill=\"none\" stroke=\"#111\" stroke-width=\"3\" stroke-linecap=\"round\" stroke-linejoin=\"round\"/></svg>");
        return sb.ToString();
    }
}
