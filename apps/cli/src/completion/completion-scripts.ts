/** The shells `localport completion` writes a script for. */
export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof SHELLS)[number];

// Each script asks `localport __complete -- <words after localport>` (the last one being the word under the
// cursor) and gets candidates one per line, or `:files` to complete file names.
const BASH = `# localport completion for bash. Load it with:  source <(localport completion bash)
_localport() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" IFS=$'\\n' out
  out=$(localport __complete -- "\${COMP_WORDS[@]:1:COMP_CWORD}" 2>/dev/null)
  if [[ "$out" == ":files" ]]; then
    compopt -o filenames 2>/dev/null
    COMPREPLY=($(compgen -f -- "$cur"))
    return 0
  fi
  COMPREPLY=($(compgen -W "$out" -- "$cur"))
}
complete -F _localport localport
`;

const ZSH = `#compdef localport
# localport completion for zsh. Load it with:  source <(localport completion zsh)   (after compinit)
_localport() {
  local -a out
  out=("\${(@f)$(localport __complete -- "\${(@)words[2,CURRENT]}" 2>/dev/null)}")
  if [[ "\${out[1]}" == ":files" ]]; then
    _files
    return
  fi
  compadd -- "\${out[@]}"
}
compdef _localport localport
`;

const FISH = `# localport completion for fish. Load it with:  localport completion fish | source
function __localport_complete
  set -l tokens (commandline -opc) (commandline -ct)
  set -e tokens[1]
  set -l out (localport __complete -- $tokens 2>/dev/null)
  if test "$out" = ":files"
    __fish_complete_path (commandline -ct)
  else
    printf '%s\\n' $out
  end
end
complete -c localport -f -a '(__localport_complete)'
`;

/** The completion script for `shell`. */
export function completionScript(shell: Shell): string {
  return { bash: BASH, zsh: ZSH, fish: FISH }[shell];
}
