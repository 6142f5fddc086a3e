namespace Reception.Core.Tests.Cases;

/// <summary>Builds ID numbers with an independently computed check character (GB 11643-1999).</summary>
internal static class IdNumbers
{
    private static readonly int[] W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

    public static char Check(string first17)
    {
        int sum = 0;
        for (int i = 0; i < 17; i++) sum += (first17[i] - '0') * W[i];
        return "10X98765432"[sum % 11];
    }

    /// <summary>region (6 digits) + birth (yyyyMMdd) + sequence (3 digits) + the right check character.</summary>
    public static string Make(string region, string birth, string sequence)
    {
        var first17 = region + birth + sequence;
        return first17 + Check(first17);
    }

    public static readonly int[] Provinces =
        [11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83];
}
