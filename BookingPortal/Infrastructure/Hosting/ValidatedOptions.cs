namespace BookingPortal.Infrastructure.Hosting;

public static class ValidatedOptions
{
    /// <summary>
    /// Binds <typeparamref name="TOptions"/> to its configuration section and checks it with
    /// <typeparamref name="TValidator"/> when the app starts, so bad configuration stops start-up with the key named.
    /// </summary>
    public static IServiceCollection AddValidatedOptions<TOptions, TValidator>(this IServiceCollection services, IConfiguration configuration, string sectionName)
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions>
    {
        services.AddOptions<TOptions>().Bind(configuration.GetSection(sectionName)).ValidateOnStart();
        return services.AddSingleton<IValidateOptions<TOptions>, TValidator>();
    }

    /// <summary>
    /// The same for a feature whose AddXxx() is not handed the configuration: bound from the host's configuration
    /// (the <see cref="IConfiguration"/> in the container) when the options are first read.
    /// </summary>
    public static IServiceCollection AddValidatedOptions<TOptions, TValidator>(this IServiceCollection services, string sectionName)
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions>
    {
        services.AddOptions<TOptions>().BindConfiguration(sectionName).ValidateOnStart();
        return services.AddSingleton<IValidateOptions<TOptions>, TValidator>();
    }
}
