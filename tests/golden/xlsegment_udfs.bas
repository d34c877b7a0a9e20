Function SEGCHECK(Optional table)
    #If App = "Microsoft Excel" Then
        If TypeOf Application.Caller Is Range Then On Error GoTo failed
        SEGCHECK = XLPy.CallUDF("xlsegment.udfs.functions", "SEGCHECK", Array(table), ActiveWorkbook, Application.Caller)
        Exit Function
    #Else
        SEGCHECK = XLPy.CallUDF("xlsegment.udfs.functions", "SEGCHECK", Array(table))
        Exit Function
    #End If
failed:
    SEGCHECK = Err.Description
End Function

Function SEGFX(amount, Optional rate)
    #If App = "Microsoft Excel" Then
        If TypeOf Application.Caller Is Range Then On Error GoTo failed
        SEGFX = XLPy.CallUDF("xlsegment.udfs.functions", "SEGFX", Array(amount, rate), ActiveWorkbook, Application.Caller)
        Exit Function
    #Else
        SEGFX = XLPy.CallUDF("xlsegment.udfs.functions", "SEGFX", Array(amount, rate))
        Exit Function
    #End If
failed:
    SEGFX = Err.Description
End Function

Function SEGPROFIT(segment, period, Optional measure)
    #If App = "Microsoft Excel" Then
        If TypeOf Application.Caller Is Range Then On Error GoTo failed
        SEGPROFIT = XLPy.CallUDF("xlsegment.udfs.functions", "SEGPROFIT", Array(segment, period, measure), ActiveWorkbook, Application.Caller)
        Exit Function
    #Else
        SEGPROFIT = XLPy.CallUDF("xlsegment.udfs.functions", "SEGPROFIT", Array(segment, period, measure))
        Exit Function
    #End If
failed:
    SEGPROFIT = Err.Description
End Function

Function SEGRATE()
    #If App = "Microsoft Excel" Then
        If TypeOf Application.Caller Is Range Then On Error GoTo failed
        SEGRATE = XLPy.CallUDF("xlsegment.udfs.functions", "SEGRATE", Array(), ActiveWorkbook, Application.Caller)
        Exit Function
    #Else
        SEGRATE = XLPy.CallUDF("xlsegment.udfs.functions", "SEGRATE", Array())
        Exit Function
    #End If
failed:
    SEGRATE = Err.Description
End Function

Function SEGRECON(period, Optional measure)
    #If App = "Microsoft Excel" Then
        If TypeOf Application.Caller Is Range Then On Error GoTo failed
        SEGRECON = XLPy.CallUDF("xlsegment.udfs.functions", "SEGRECON", Array(period, measure), ActiveWorkbook, Application.Caller)
        Exit Function
    #Else
        SEGRECON = XLPy.CallUDF("xlsegment.udfs.functions", "SEGRECON", Array(period, measure))
        Exit Function
    #End If
failed:
    SEGRECON = Err.Description
End Function

Function SEGREVENUE(segment, period)
    #If App = "Microsoft Excel" Then
        If TypeOf Application.Caller Is Range Then On Error GoTo failed
        SEGREVENUE = XLPy.CallUDF("xlsegment.udfs.functions", "SEGREVENUE", Array(segment, period), ActiveWorkbook, Application.Caller)
        Exit Function
    #Else
        SEGREVENUE = XLPy.CallUDF("xlsegment.udfs.functions", "SEGREVENUE", Array(segment, period))
        Exit Function
    #End If
failed:
    SEGREVENUE = Err.Description
End Function

Function SEGTABLE(table, period, Optional to_currency)
    #If App = "Microsoft Excel" Then
        If TypeOf Application.Caller Is Range Then On Error GoTo failed
        SEGTABLE = XLPy.CallUDF("xlsegment.udfs.functions", "SEGTABLE", Array(table, period, to_currency), ActiveWorkbook, Application.Caller)
        Exit Function
    #Else
        SEGTABLE = XLPy.CallUDF("xlsegment.udfs.functions", "SEGTABLE", Array(table, period, to_currency))
        Exit Function
    #End If
failed:
    SEGTABLE = Err.Description
End Function

Function SEGTOTAL(line_item, period)
    #If App = "Microsoft Excel" Then
        If TypeOf Application.Caller Is Range Then On Error GoTo failed
        SEGTOTAL = XLPy.CallUDF("xlsegment.udfs.functions", "SEGTOTAL", Array(line_item, period), ActiveWorkbook, Application.Caller)
        Exit Function
    #Else
        SEGTOTAL = XLPy.CallUDF("xlsegment.udfs.functions", "SEGTOTAL", Array(line_item, period))
        Exit Function
    #End If
failed:
    SEGTOTAL = Err.Description
End Function

Function SEGVALUE(line_item, segment, period)
    #If App = "Microsoft Excel" Then
        If TypeOf Application.Caller Is Range Then On Error GoTo failed
        SEGVALUE = XLPy.CallUDF("xlsegment.udfs.functions", "SEGVALUE", Array(line_item, segment, period), ActiveWorkbook, Application.Caller)
        Exit Function
    #Else
        SEGVALUE = XLPy.CallUDF("xlsegment.udfs.functions", "SEGVALUE", Array(line_item, segment, period))
        Exit Function
    #End If
failed:
    SEGVALUE = Err.Description
End Function

