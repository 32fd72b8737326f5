; Inno Setup script: wraps PyInstaller's dist\socle folder into SocleSetup-<version>.exe.
; Built by .github/workflows/windows-installer.yml (iscc scripts\socle.iss) after PyInstaller.
; The version is read from socle.exe, whose version resource build_installer.spec makes from
; socle_desktop.__version__: it has one place.
#ifndef AppVersion
  #define AppVersion GetStringFileInfo(AddBackslash(SourcePath) + "..\dist\socle\socle.exe", "ProductVersion")
#endif

[Setup]
AppId={{6E1A4F0B-5C0D-4E2B-9C1F-50C1E0000001}
AppName=Socle
AppVersion={#AppVersion}
AppPublisher=Socle
DefaultDirName={autopf}\Socle
DefaultGroupName=Socle
OutputDir=..\dist
OutputBaseFilename=SocleSetup-{#AppVersion}
SetupIconFile=..\resources\icons\socle.ico
UninstallDisplayIcon={app}\socle.exe
Compression=lzma2
SolidCompression=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
WizardStyle=modern
; Explorer refreshes its file types at the end: .socle files show their icon at once.
ChangesAssociations=yes

[Languages]
Name: "french"; MessagesFile: "compiler:Languages\French.isl"

[Files]
Source: "..\dist\socle\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\Socle"; Filename: "{app}\socle.exe"
Name: "{autodesktop}\Socle"; Filename: "{app}\socle.exe"; Tasks: desktopicon

[Tasks]
Name: "desktopicon"; Description: "Créer une icône sur le bureau"; GroupDescription: "Icônes :"

[Registry]
; .socle files: « Dossier Socle », the application's icon, opened by socle.exe.
Root: HKA; Subkey: "Software\Classes\.socle"; ValueType: string; ValueName: ""; ValueData: "Socle.Dossier"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.socle\OpenWithProgids"; ValueType: string; ValueName: "Socle.Dossier"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\Socle.Dossier"; ValueType: string; ValueName: ""; ValueData: "Dossier Socle"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\Socle.Dossier\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\socle.exe,0"
Root: HKA; Subkey: "Software\Classes\Socle.Dossier\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\socle.exe"" ""%1"""
Root: HKA; Subkey: "Software\Classes\Applications\socle.exe\SupportedTypes"; ValueType: string; ValueName: ".socle"; ValueData: ""; Flags: uninsdeletekey

[Run]
Filename: "{app}\socle.exe"; Description: "Lancer Socle"; Flags: nowait postinstall skipifsilent
