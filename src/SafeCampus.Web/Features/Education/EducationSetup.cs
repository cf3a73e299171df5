using SafeCampus.Web.Features.Home;
using SafeCampus.Web.Infrastructure.Scheduling;

namespace SafeCampus.Web.Features.Education;

public static class EducationSetup
{
    public static IHostApplicationBuilder AddEducation(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<LessonService>();
        builder.Services.AddScoped<LessonRates>();
        builder.Services.AddScoped<SafetyPeopleService>();
        builder.Services.AddScoped<TrainingService>();
        builder.Services.AddScoped<TrainingRates>();
        builder.Services.AddScoped<EducationSettingsAdmin>();
        builder.Services.AddScoped<ThemeService>();
        builder.Services.AddScoped<ITodoProvider, EducationTodos>();
        builder.Services.AddScoped<IHeadlineProvider, EducationHeadlines>();
        builder.AddJob<EducationReminderJob>("education-reminders", "15 8 * * *");
        return builder;
    }
}
