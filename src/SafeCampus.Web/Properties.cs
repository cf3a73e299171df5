using System.Resources;

[assembly: NeutralResourcesLanguage("zh-CN")]
