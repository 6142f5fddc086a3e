namespace Reception.Core.Calendar;

/// <summary>
/// The 24 solar terms (节气) as instants: the moment the Sun's apparent geocentric longitude reaches a multiple of 15°.
/// The Chinese calendar dates them in China Standard Time (UTC+8, the 120°E meridian — also during 1986–1991, when
/// clocks in China were on daylight saving time, the calendar kept standard time).
/// <para>
/// Method (Meeus, <i>Astronomical Algorithms</i>, 2nd ed., ch. 25 "higher accuracy" and ch. 32): the Earth's
/// heliocentric position from VSOP87D as truncated in Meeus' Appendix III, turned geocentric, corrected to the FK5
/// frame, for nutation in longitude (the four main terms of ch. 22) and for aberration; solved for the target
/// longitude by Newton's method in Terrestrial Time, then converted to Universal Time with ΔT from the Espenak–Meeus
/// polynomials (NASA, 2006). The longitude is good to about 1″ over several thousand years, i.e. the instant to well
/// under a minute; far from the present the uncertainty of ΔT dominates (minutes by 2200, an hour by 1000 or 3000).
/// A term's <i>date</i> is therefore safe unless its instant falls within that margin of midnight.
/// </para>
/// <para>
/// Verified against npm <c>lunar-javascript</c> 1.7.7 (寿星万年历's own ephemeris and ΔT), the 清明 of every year: the
/// instants agree within 35 s from 1700 to 2100, within about a minute to 2300 and three minutes by 2700 (ΔT models
/// part ways), and the dates agree in every year of <see cref="VerifiedFrom"/>–<see cref="VerifiedThrough"/>
/// (<c>SolarTermsTests</c>). The nearest misses outside: 1654 and 2876, whose 清明 falls within seconds of midnight.
/// </para>
/// </summary>
public static class SolarTerms
{
    /// <summary>The first year of the range in which the dates have been checked against an independent ephemeris.</summary>
    public const int VerifiedFrom = 1700;

    /// <summary>The last year of that range.</summary>
    public const int VerifiedThrough = 2800;

    /// <summary>清明: the Sun at apparent longitude 15°, usually 4 or 5 April.</summary>
    public const double QingmingLongitude = 15;

    private const double J2000 = 2451545.0;
    private const double DaysPerJulianMillennium = 365250.0;
    private const double TropicalYearDays = 365.242189;
    private const double DegreesPerRadian = 180 / Math.PI;
    private const double ArcsecondsPerDegree = 3600;
    private static readonly TimeSpan ChinaStandardOffset = TimeSpan.FromHours(8);

    /// <summary>The date of 清明 in <paramref name="year"/>, in China Standard Time.</summary>
    public static DateOnly QingmingDate(int year) => DateInChina(year, QingmingLongitude);

    /// <summary>The date, in China Standard Time, on which the Sun reaches <paramref name="longitude"/> in <paramref name="year"/>.</summary>
    /// <param name="longitude">0 = 春分 (March equinox), 15 = 清明, …, 270 = 冬至 (December solstice); a multiple of 15 for a 节气.</param>
    public static DateOnly DateInChina(int year, double longitude) =>
        DateOnly.FromDateTime(MomentUtc(year, longitude).Add(ChinaStandardOffset));

    /// <summary>
    /// The instant (UTC) at which the Sun's apparent longitude reaches <paramref name="longitude"/> degrees for the time
    /// that falls in <paramref name="year"/> (counted from the March equinox, so 270°–360° are in December of that year,
    /// 285°–345° in January–March of the next one).
    /// </summary>
    public static DateTime MomentUtc(int year, double longitude)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(year, 2);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, 9998);
        if (longitude is < 0 or >= 360 || double.IsNaN(longitude))
        {
            throw new ArgumentOutOfRangeException(nameof(longitude), longitude, "The longitude must be in [0, 360).");
        }

        // First guess: the mean Sun, from about 20 March (the March equinox) of the year.
        var jde = JulianDay(new DateTime(year, 3, 20, 12, 0, 0, DateTimeKind.Utc)) + (longitude / 360 * TropicalYearDays);
        for (var i = 0; i < 20; i++)
        {
            var error = Normalize180(longitude - ApparentLongitude(jde));
            jde += error / 360 * TropicalYearDays;
            if (Math.Abs(error) < 1e-8)
            {
                break; // 1e-8° is about 0.01 s of the Sun's motion
            }
        }

        var ut = jde - (DeltaTSeconds(DecimalYear(jde)) / 86400);
        return FromJulianDay(ut);
    }

    /// <summary>The Sun's apparent geocentric longitude, in degrees [0, 360), at Julian Ephemeris Day <paramref name="jde"/> (TT).</summary>
    public static double ApparentLongitude(double jde)
    {
        var tau = (jde - J2000) / DaysPerJulianMillennium;
        var earthL = Series(EarthL, tau);
        var earthR = Series(EarthR, tau);

        // Geocentric: the Sun is seen opposite the Earth.
        var theta = Normalize360((earthL * DegreesPerRadian) + 180);

        // FK5 correction in longitude (Meeus 32.3): VSOP87's dynamical ecliptic to the FK5 frame.
        const double fk5 = -0.09033 / ArcsecondsPerDegree;

        // Nutation in longitude (Meeus ch. 22, the terms above 0.1″), T in Julian centuries.
        var t = tau * 10;
        var omega = Radians(125.04452 - (1934.136261 * t));
        var sunMean = Radians(280.4665 + (36000.7698 * t));
        var moonMean = Radians(218.3165 + (481267.8813 * t));
        var nutation = ((-17.20 * Math.Sin(omega)) - (1.32 * Math.Sin(2 * sunMean)) - (0.23 * Math.Sin(2 * moonMean)) + (0.21 * Math.Sin(2 * omega)))
            / ArcsecondsPerDegree;

        // Annual aberration (Meeus 25.10), with the distance in AU.
        var aberration = -20.4898 / ArcsecondsPerDegree / earthR;

        return Normalize360(theta + fk5 + nutation + aberration);
    }

    /// <summary>TT − UT in seconds for a decimal year: the Espenak–Meeus polynomials (NASA eclipse pages, 2006).</summary>
    public static double DeltaTSeconds(double y)
    {
        double t;
        switch (y)
        {
            case < -500:
                return Parabola(y);
            case < 500:
                t = y / 100;
                return 10583.6 - (1014.41 * t) + (33.78311 * Pow(t, 2)) - (5.952053 * Pow(t, 3)) - (0.1798452 * Pow(t, 4))
                    + (0.022174192 * Pow(t, 5)) + (0.0090316521 * Pow(t, 6));
            case < 1600:
                t = (y - 1000) / 100;
                return 1574.2 - (556.01 * t) + (71.23472 * Pow(t, 2)) + (0.319781 * Pow(t, 3)) - (0.8503463 * Pow(t, 4))
                    - (0.005050998 * Pow(t, 5)) + (0.0083572073 * Pow(t, 6));
            case < 1700:
                t = y - 1600;
                return 120 - (0.9808 * t) - (0.01532 * Pow(t, 2)) + (Pow(t, 3) / 7129);
            case < 1800:
                t = y - 1700;
                return 8.83 + (0.1603 * t) - (0.0059285 * Pow(t, 2)) + (0.00013336 * Pow(t, 3)) - (Pow(t, 4) / 1174000);
            case < 1860:
                t = y - 1800;
                return 13.72 - (0.332447 * t) + (0.0068612 * Pow(t, 2)) + (0.0041116 * Pow(t, 3)) - (0.00037436 * Pow(t, 4))
                    + (0.0000121272 * Pow(t, 5)) - (0.0000001699 * Pow(t, 6)) + (0.000000000875 * Pow(t, 7));
            case < 1900:
                t = y - 1860;
                return 7.62 + (0.5737 * t) - (0.251754 * Pow(t, 2)) + (0.01680668 * Pow(t, 3)) - (0.0004473624 * Pow(t, 4))
                    + (Pow(t, 5) / 233174);
            case < 1920:
                t = y - 1900;
                return -2.79 + (1.494119 * t) - (0.0598939 * Pow(t, 2)) + (0.0061966 * Pow(t, 3)) - (0.000197 * Pow(t, 4));
            case < 1941:
                t = y - 1920;
                return 21.20 + (0.84493 * t) - (0.076100 * Pow(t, 2)) + (0.0020936 * Pow(t, 3));
            case < 1961:
                t = y - 1950;
                return 29.07 + (0.407 * t) - (Pow(t, 2) / 233) + (Pow(t, 3) / 2547);
            case < 1986:
                t = y - 1975;
                return 45.45 + (1.067 * t) - (Pow(t, 2) / 260) - (Pow(t, 3) / 718);
            case < 2005:
                t = y - 2000;
                return 63.86 + (0.3345 * t) - (0.060374 * Pow(t, 2)) + (0.0017275 * Pow(t, 3)) + (0.000651814 * Pow(t, 4))
                    + (0.00002373599 * Pow(t, 5));
            case < 2050:
                t = y - 2000;
                return 62.92 + (0.32217 * t) + (0.005589 * Pow(t, 2));
            case < 2150:
                return Parabola(y) - (0.5628 * (2150 - y));
            default:
                return Parabola(y);
        }

        static double Parabola(double year)
        {
            var u = (year - 1820) / 100;
            return -20 + (32 * u * u);
        }
    }

    private static double Pow(double x, int n) => Math.Pow(x, n);

    private static double Radians(double degrees) => degrees / DegreesPerRadian;

    private static double Normalize360(double degrees)
    {
        var d = degrees % 360;
        return d < 0 ? d + 360 : d;
    }

    private static double Normalize180(double degrees)
    {
        var d = Normalize360(degrees);
        return d > 180 ? d - 360 : d;
    }

    private static double DecimalYear(double jd) => 2000 + ((jd - J2000) / 365.25);

    private static double JulianDay(DateTime utc) => (utc - new DateTime(2000, 1, 1, 12, 0, 0, DateTimeKind.Utc)).TotalDays + J2000;

    private static DateTime FromJulianDay(double jd) =>
        new DateTime(2000, 1, 1, 12, 0, 0, DateTimeKind.Utc).AddTicks((long)Math.Round((jd - J2000) * TimeSpan.TicksPerDay));

    /// <summary>Σₖ τᵏ · Σ A·cos(B + C·τ), the VSOP87 form; the amplitudes are in units of 1e-8 (radians or AU).</summary>
    private static double Series(double[][][] powers, double tau)
    {
        var total = 0.0;
        var tauPower = 1.0;
        foreach (var terms in powers)
        {
            var sum = 0.0;
            foreach (var term in terms)
            {
                sum += term[0] * Math.Cos(term[1] + (term[2] * tau));
            }

            total += sum * tauPower;
            tauPower *= tau;
        }

        return total * 1e-8;
    }

    // VSOP87D, the Earth: heliocentric longitude L and radius vector R, as truncated in Meeus' Appendix III (terms A, B, C
    // of A·cos(B + C·τ)). The latitude B (below 1″) does not change the longitude and is left out.
    private static readonly double[][][] EarthL =
    [
        [
            [175347046, 0, 0], [3341656, 4.6692568, 6283.0758500], [34894, 4.62610, 12566.15170], [3497, 2.7441, 5753.3849],
            [3418, 2.8289, 3.5231], [3136, 3.6277, 77713.7715], [2676, 4.4181, 7860.4194], [2343, 6.1352, 3930.2097],
            [1324, 0.7425, 11506.7698], [1273, 2.0371, 529.6910], [1199, 1.1096, 1577.3435], [990, 5.233, 5884.927],
            [902, 2.045, 26.298], [857, 3.508, 398.149], [780, 1.179, 5223.694], [753, 2.533, 5507.553],
            [505, 4.583, 18849.228], [492, 4.205, 775.523], [357, 2.920, 0.067], [317, 5.849, 11790.629],
            [284, 1.899, 796.298], [271, 0.315, 10977.079], [243, 0.345, 5486.778], [206, 4.806, 2544.314],
            [205, 1.869, 5573.143], [202, 2.458, 6069.777], [156, 0.833, 213.299], [132, 3.411, 2942.463],
            [126, 1.083, 20.775], [115, 0.645, 0.980], [103, 0.636, 4694.003], [102, 0.976, 15720.839],
            [102, 4.267, 7.114], [99, 6.21, 2146.17], [98, 0.68, 155.42], [86, 5.98, 161000.69],
            [85, 1.30, 6275.96], [85, 3.67, 71430.70], [80, 1.81, 17260.15], [79, 3.04, 12036.46],
            [75, 1.76, 5088.63], [74, 3.50, 3154.69], [74, 4.68, 801.82], [70, 0.83, 9437.76],
            [62, 3.98, 8827.39], [61, 1.82, 7084.90], [57, 2.78, 6286.60], [56, 4.39, 14143.50],
            [56, 3.47, 6279.55], [52, 0.19, 12139.55], [52, 1.33, 1748.02], [51, 0.28, 5856.48],
            [49, 0.49, 1194.45], [41, 5.37, 8429.24], [41, 2.40, 19651.05], [39, 6.17, 10447.39],
            [37, 6.04, 10213.29], [37, 2.57, 1059.38], [36, 1.71, 2352.87], [36, 1.78, 6812.77],
            [33, 0.59, 17789.85], [30, 0.44, 83996.85], [30, 2.74, 1349.87], [25, 3.16, 4690.48],
        ],
        [
            [628331966747, 0, 0], [206059, 2.678235, 6283.075850], [4303, 2.6351, 12566.1517], [425, 1.590, 3.523],
            [119, 5.796, 26.298], [109, 2.966, 1577.344], [93, 2.59, 18849.23], [72, 1.14, 529.69],
            [68, 1.87, 398.15], [67, 4.41, 5507.55], [59, 2.89, 5223.69], [56, 2.17, 155.42],
            [45, 0.40, 796.30], [36, 0.47, 775.52], [29, 2.65, 7.11], [21, 5.34, 0.98],
            [19, 1.85, 5486.78], [19, 4.97, 213.30], [17, 2.99, 6275.96], [16, 0.03, 2544.31],
            [16, 1.43, 2146.17], [15, 1.21, 10977.08], [12, 2.83, 1748.02], [12, 3.26, 5088.63],
            [12, 5.27, 1194.45], [12, 2.08, 4694.00], [11, 0.77, 553.57], [10, 1.30, 6286.60],
            [10, 4.24, 1349.87], [9, 2.70, 242.73], [9, 5.64, 951.72], [8, 5.30, 2352.87],
            [6, 2.65, 9437.76], [6, 4.67, 4690.48],
        ],
        [
            [52919, 0, 0], [8720, 1.0721, 6283.0758], [309, 0.867, 12566.152], [27, 0.05, 3.52],
            [16, 5.19, 26.30], [16, 3.68, 155.42], [10, 0.76, 18849.23], [9, 2.06, 77713.77],
            [7, 0.83, 775.52], [5, 4.66, 1577.34], [4, 1.03, 7.11], [4, 3.44, 5573.14],
            [3, 5.14, 796.30], [3, 6.05, 5507.55], [3, 1.19, 242.73], [3, 6.12, 529.69],
            [3, 0.31, 398.15], [3, 2.28, 553.57], [2, 4.38, 5223.69], [2, 3.75, 0.98],
        ],
        [
            [289, 5.844, 6283.076], [35, 0, 0], [17, 5.49, 12566.15], [3, 5.20, 155.42],
            [1, 4.72, 3.52], [1, 5.30, 18849.23], [1, 5.97, 242.73],
        ],
        [
            [114, 3.142, 0], [8, 4.13, 6283.08], [1, 3.84, 12566.15],
        ],
        [
            [1, 3.14, 0],
        ],
    ];

    private static readonly double[][][] EarthR =
    [
        [
            [100013989, 0, 0], [1670700, 3.0984635, 6283.0758500], [13956, 3.05525, 12566.15170], [3084, 5.1985, 77713.7715],
            [1628, 1.1739, 5753.3849], [1576, 2.8469, 7860.4194], [925, 5.453, 11506.770], [542, 4.564, 3930.210],
            [472, 3.661, 5884.927], [346, 0.964, 5507.553], [329, 5.900, 5223.694], [307, 0.299, 5573.143],
            [243, 4.273, 11790.629], [212, 5.847, 1577.344], [186, 5.022, 10977.079], [175, 3.012, 18849.228],
            [110, 5.055, 5486.778], [98, 0.89, 6069.78], [86, 5.69, 15720.84], [86, 1.27, 161000.69],
            [65, 0.27, 17260.15], [63, 0.92, 529.69], [57, 2.01, 83996.85], [56, 5.24, 71430.70],
            [49, 3.25, 2544.31], [47, 2.58, 775.52], [45, 5.54, 9437.76], [43, 6.01, 6275.96],
            [39, 5.36, 4694.00], [38, 2.39, 8827.39], [37, 0.83, 19651.05], [37, 4.90, 12139.55],
            [36, 1.67, 12036.46], [35, 1.84, 2942.46], [33, 0.24, 7084.90], [32, 0.18, 5088.63],
            [32, 1.78, 398.15], [28, 1.21, 6286.60], [28, 1.90, 6279.55], [26, 4.59, 10447.39],
        ],
        [
            [103019, 1.107490, 6283.075850], [1721, 1.0644, 12566.1517], [702, 3.142, 0], [32, 1.02, 18849.23],
            [31, 2.84, 5507.55], [25, 1.32, 5223.69], [18, 1.42, 1577.34], [10, 5.91, 10977.08],
            [9, 1.42, 6275.96], [9, 0.27, 5486.78],
        ],
        [
            [4359, 5.7846, 6283.0758], [124, 5.579, 12566.152], [12, 3.14, 0], [9, 3.63, 77713.77],
            [6, 1.87, 5573.14], [3, 5.47, 18849.23],
        ],
        [
            [145, 4.273, 6283.076], [7, 3.92, 12566.15],
        ],
        [
            [4, 2.56, 6283.08],
        ],
    ];
}
