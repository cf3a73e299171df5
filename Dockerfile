# SafeCampus application image. Build: docker compose build (see docker-compose.yml).
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish src/SafeCampus.Web/SafeCampus.Web.csproj -c Release -o /app --nologo

FROM mcr.microsoft.com/dotnet/aspnet:10.0
# Chromium and a CJK font print the PDF reports (docs/decisions/0004-pdf-html-printed-by-chromium.md).
RUN apt-get update \
 && apt-get install -y --no-install-recommends chromium fonts-wqy-microhei fonts-hanazono tzdata \
 && rm -rf /var/lib/apt/lists/*
ENV ASPNETCORE_URLS=http://+:8080 \
    TZ=Asia/Shanghai \
    DataProtection__KeysPath=/data/keys \
    Logging__Directory=/data/logs \
    Email__PickupDirectory=/data/mail
WORKDIR /app
COPY --from=build /app .
VOLUME /data
EXPOSE 8080
ENTRYPOINT ["dotnet", "SafeCampus.Web.dll"]
