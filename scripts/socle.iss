; Inno Setup script: wraps PyInstaller's dist\socle folder into SocleSetup-<version>.exe.
; Built by .github/workflows/windows-installer.yml (iscc scripts\socle.iss /DAppVersion=x.y.z).
#ifndef AppVersion
  #define AppVersion "0.1.0"
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
Root: HKA; Subkey: "Software\Classes\.socle"; ValueType: string; ValueData: "Socle.Dossier"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\Socle.Dossier"; ValueType: string; ValueData: "Dossier Socle"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\Socle.Dossier\shell\open\command"; ValueType: string; ValueData: """{app}\socle.exe"" ""%1"""

[Run]
Filename: "{app}\socle.exe"; Description: "Lancer Socle"; Flags: nowait postinstall skipifsilent
