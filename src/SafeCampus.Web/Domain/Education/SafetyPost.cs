namespace SafeCampus.Web.Domain;

/// <summary>
/// A safety administrator post (安全管理员岗位) a bureau requires its schools to fill, one person each (seed 004's nine
/// posts; the defaults are this product's nine: 校舍, 交通, 消防, 防溺水, 食品卫生, 治安保卫, 实验室与危化品, 心理健康,
/// 网络与信息). <see cref="Required"/>: a school may not leave it empty.
/// </summary>
public sealed class SafetyPost : ITenantOwned, IAuditable
{
    private SafetyPost() { }

    public Guid Id { get; private set; }
    public Guid BureauId { get; private set; }
    public string ScopePath { get; private set; } = "";
    public string Name { get; private set; } = "";
    public int SortOrder { get; private set; }
    public bool Required { get; private set; } = true;
    public bool IsActive { get; private set; } = true;

    public static SafetyPost Create(Bureau bureau, string name, int sortOrder, bool required = true)
    {
        var post = new SafetyPost { Id = Guid.CreateVersion7(), BureauId = bureau.Id, ScopePath = bureau.Path, SortOrder = sortOrder };
        post.Update(name, required, isActive: true);
        return post;
    }

    public void Update(string name, bool required, bool isActive)
    {
        Name = string.IsNullOrWhiteSpace(name) || name.Trim().Length > 30 ? throw new DomainException("Education.PostNameInvalid") : name.Trim();
        Required = required;
        IsActive = isActive;
    }
}
