@echo off
rem Karakuri on Windows, installed from the archive: runs the command line on lib\ with a Java 17+
rem runtime. Needs no Maven and no network. What the engine keeps (runs, ledger, engine.yaml) lives
rem in KARAKURI_HOME, by default %USERPROFILE%\.karakuri, never in the install folder, so an update
rem replaces the install folder and keeps it (docs\install.md).
setlocal

set "KARAKURI_APP=%~dp0.."
for %%I in ("%KARAKURI_APP%") do set "KARAKURI_APP=%%~fI"

set "KARAKURI_JAVA="
if defined JAVA_HOME if exist "%JAVA_HOME%\bin\java.exe" set "KARAKURI_JAVA=%JAVA_HOME%\bin\java.exe"
if defined KARAKURI_JAVA goto javaFound
where java >nul 2>nul || goto noJava
set "KARAKURI_JAVA=java"
:javaFound

rem Java 1.x and 9 to 16 are too old (the version line reads: version "1.8.0_392", "11.0.2", "16")
"%KARAKURI_JAVA%" -version 2>&1 | findstr /r /c:"version \"1\." /c:"version \"9" /c:"version \"1[0-6]\." /c:"version \"1[0-6]\"" >nul && goto oldJava

if not defined KARAKURI_HOME set "KARAKURI_HOME=%USERPROFILE%\.karakuri"

rem short commands start faster with the client compiler only; serve runs for days and gets the full JIT
set "KARAKURI_JIT=-XX:TieredStopAtLevel=1"
if /i "%~1"=="serve" set "KARAKURI_JIT="

rem the engine writes UTF-8: show it as such in this console, then give the console its code page back
set "KARAKURI_CP="
for /f "tokens=2 delims=:" %%c in ('chcp') do set "KARAKURI_CP=%%c"
chcp 65001 >nul

"%KARAKURI_JAVA%" -Dfile.encoding=UTF-8 "-Dkarakuri.examples=%KARAKURI_APP%\scenarios\examples" "-Dkarakuri.ext=%KARAKURI_APP%\lib\ext" ^
  -XX:+UseSerialGC %KARAKURI_JIT% -Xshare:auto %KARAKURI_JAVA_OPTS% ^
  -cp "%KARAKURI_APP%\lib\*" org.karakuri.cli.Main %*
set "KARAKURI_RC=%ERRORLEVEL%"

if defined KARAKURI_CP chcp %KARAKURI_CP% >nul
endlocal & exit /b %KARAKURI_RC%

:noJava
echo karakuri: Java 17 or newer is needed: install a Java runtime (for example Eclipse Temurin 17 JRE) or set JAVA_HOME. 1>&2
endlocal & exit /b 2

:oldJava
echo karakuri: Java 17 or newer is needed; "%KARAKURI_JAVA%" is older. Set JAVA_HOME to a Java 17+ runtime. 1>&2
endlocal & exit /b 2
