using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace Reception.Web.UI;

/// <summary>The one-line message shown after an action (post-redirect-get keeps it in TempData).</summary>
public static class Status
{
    public const string MessageKey = "StatusMessage";
    public const string KindKey = "StatusKind";
    public const string Success = "success";
    public const string Warning = "warning";
    public const string Error = "error";

    public static void Set(ITempDataDictionary tempData, string message, string kind = Success)
    {
        tempData[MessageKey] = message;
        tempData[KindKey] = kind;
    }
}
