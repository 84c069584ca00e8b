# PowerShell's rule for which errors end a command (about_NNTools, ERRORS): a problem with one
# pipeline input is reported and the next input is processed; a problem with the command's own
# parameters ends it. Each case pipes a good input, a bad one and a good one.
BeforeAll {
    Set-StrictMode -Version Latest
    Import-Module NNTools
}

Describe 'A bad pipeline input is reported and the next one processed' {
    It '<Name>' -ForEach @(
        @{ Name = 'ConvertFrom-Tensor with a tensor of the wrong width'; Id = 'PropertyCountMismatch'; Count = 4
           Pipeline = {
               (New-Tensor -Zeros -Shape 2, 2), (New-Tensor -Zeros -Shape 2, 3), (New-Tensor -Zeros -Shape 2, 2) |
                   ConvertFrom-Tensor -Property a, b } }
        @{ Name = 'Split-Dataset with a data set of another length'; Id = 'SplitLengths'; Count = 4
           Pipeline = {
               $a = New-Dataset -Input (New-Tensor -Zeros -Shape 10, 2)
               $b = New-Dataset -Input (New-Tensor -Zeros -Shape 8, 2)
               $a, $b, $a | Split-Dataset -Length 5, 5 } }
        @{ Name = 'New-Optimizer with a model without parameters'; Id = 'EmptyParameterList'; Count = 2
           Pipeline = {
               (New-Mlp 2, 1), (New-Layer ReLU), (New-Mlp 2, 1) | New-Optimizer SGD } }
        @{ Name = 'Test-Gradient with a model of the wrong width'; Id = 'LinearInputShape'; Count = 4
           Pipeline = {
               $x = New-Tensor -Randn -Shape 2, 3
               (New-Layer Linear 3 1), (New-Layer Linear 4 1), (New-Layer Linear 3 1) |
                   Test-Gradient -Input $x -WarningAction SilentlyContinue } }
        @{ Name = 'Invoke-Model with an input of the wrong width'; Id = 'LinearInputShape'; Count = 2
           Pipeline = {
               (New-Tensor -Zeros -Shape 1, 3), (New-Tensor -Zeros -Shape 1, 4), (New-Tensor -Zeros -Shape 1, 3) |
                   Invoke-Model (New-Layer Linear 3 1) } }
    ) {
        # 2>&1 collects the non-terminating errors beside the output; a terminating one would throw here.
        $all = @(& $Pipeline 2>&1)
        $errors = @($all | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
        @($all | Where-Object { $_ -isnot [System.Management.Automation.ErrorRecord] }) | Should -HaveCount $Count
        $errors | Should -HaveCount 1
        $errors[0].FullyQualifiedErrorId | Should -BeLike "$Id,NNTools.Commands.*"
    }
}

Describe 'A bad parameter ends the command' {
    It '<Name>' -ForEach @(
        @{ Name = 'New-Optimizer SGD -Nesterov without momentum'; Id = 'NesterovRequiresMomentum,NNTools.Commands.NewOptimizerCommand'
           Script = { (New-Mlp 2, 1), (New-Mlp 2, 1) | New-Optimizer SGD -Nesterov } }
        @{ Name = 'New-DataLoader with -Seed and -Generator'; Id = 'SeedAndGenerator,NNTools.Commands.NewDataLoaderCommand'
           Script = { New-Dataset -Input (New-Tensor -Zeros -Shape 4, 2) | New-DataLoader -Seed 1 -Generator ([NNTools.Generator]::new(1)) } }
        @{ Name = 'New-Tensor with a ragged list'; Id = 'RaggedInput,NNTools.Commands.NewTensorCommand'
           Script = { New-Tensor -Data @(@(1, 2), @(3)) } }
    ) {
        # Should -Throw sees only terminating errors: a non-terminating one would pass through.
        $Script | Should -Throw -ErrorId $Id
    }
}
