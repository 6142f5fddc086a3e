using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Reception.Web.UI;

/// <summary>Optimistic concurrency for edit forms: the form carries the version it showed.</summary>
public static class Concurrency
{
    public const string StaleEdit = "Someone else changed this record while you were editing it. Your changes were not saved; reload the page to see the current version.";

    /// <summary>
    /// Saves, unless someone else saved <paramref name="entity"/> after the user loaded it at
    /// <paramref name="seenVersion"/>; then nothing is written and the model state says why.
    /// </summary>
    public static async Task<bool> TrySaveAsync<T>(this AppDbContext db, T entity, int seenVersion, ModelStateDictionary state, IStringLocalizer l)
        where T : class, IVersioned
    {
        var entry = db.Entry(entity);
        entry.Property(e => e.Version).OriginalValue = seenVersion;
        // A change only to child rows (a rule's members, say) must still claim the parent's version.
        db.ChangeTracker.DetectChanges();
        if (entry.State == Microsoft.EntityFrameworkCore.EntityState.Unchanged) entry.Property(e => e.Version).IsModified = true;
        try
        {
            await db.SaveChangesAsync();
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            state.AddModelError("", l[StaleEdit]);
            return false;
        }
    }
}
