using Reception.Core.Common;

namespace Reception.Core.Imports;

/// <summary>One problem found while importing a file. <see cref="Line"/> is the 1-based physical line (header = 1).</summary>
public sealed record ImportError(int Line, LocalizableMessage Message);
