using System.Security.Cryptography;

namespace SafeCampus.Web.Features.Organisation.Users;

/// <summary>
/// One-time passwords handed over by an administrator (read aloud or copied from the screen). 14 characters from a
/// cryptographic source, at least one of each class — upper, lower, digit, symbol — so the policy (10+ characters,
/// 3 of 4 classes, 4 distinct characters) always holds. Look-alikes (I l 1 O o 0) and symbols that are hard to say
/// or that get mangled by copying (quotes, slashes, spaces) are left out.
/// </summary>
public sealed class OneTimePasswordGenerator
{
    public const int Length = 14;
    internal const string Upper = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    internal const string Lower = "abcdefghijkmnpqrstuvwxyz";
    internal const string Digits = "23456789";
    internal const string Symbols = "#%*+=?@";
    private const string All = Upper + Lower + Digits + Symbols;

    public string Generate()
    {
        var chars = new char[Length];
        chars[0] = Pick(Upper);
        chars[1] = Pick(Lower);
        chars[2] = Pick(Digits);
        chars[3] = Pick(Symbols);
        for (var i = 4; i < Length; i++)
        {
            chars[i] = Pick(All);
        }

        for (var i = Length - 1; i > 0; i--)
        {
            var j = RandomNumberGenerator.GetInt32(i + 1);
            (chars[i], chars[j]) = (chars[j], chars[i]);
        }

        return new string(chars);
    }

    private static char Pick(string from) => from[RandomNumberGenerator.GetInt32(from.Length)];
}
