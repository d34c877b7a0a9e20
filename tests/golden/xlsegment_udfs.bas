Function SEGCHECK(Optional table, Optional data)
    #If App = "Microsoft Excel" Then
        If TypeOf Application.Caller Is Range Then On Error GoTo failed
        SEGCHECK = XLPy.CallUDF("xlsegment.udfs.functions", "SEGCHECK", Array(table, data), ActiveWorkbook, Application.Caller)
        Exit Function
    #Else
        SEGCHECK = XLPy.CallUDF("xlsegment.udfs.functions", "SEGCHECK", Array(table, data))
        Exit Function
    #End If
failed:
    SEGCHECK = Err.Description
End Function

Function SEGDATA(table, Optional settings, Optional checks)
    #If App = "Microsoft Excel" Then
        If TypeOf Application.Caller Is Range Then On Error GoTo failed
        SEGDATA = XLPy.CallUDF("xlsegment.udfs.functions", "SEGDATA", Array(table, settings, checks), ActiveWorkbook, Application.Caller)
        Exit Function
    #Else
        SEGDATA = XLPy.CallUDF("xlsegment.udfs.functions", "SEGDATA", Array(table, settings, checks))
        Exit Function
    #End If
failed:
    SEGDATA = Err.Description
End Function

Function SEGFX(amount, Optional rate, Optional data)
    #If App = "Microsoft Excel" Then
        If TypeOf Application.Caller Is Range Then On Error GoTo failed
        SEGFX = XLPy.CallUDF("xlsegment.udfs.functions", "SEGFX", Array(amount, rate, data), ActiveWorkbook, Application.Caller)
        Exit Function
    #Else
        SEGFX = XLPy.CallUDF("xlsegment.udfs.functions", "SEGFX", Array(amount, rate, data))
        Exit Function
    #End If
failed:
    SEGFX = Err.Description
End Function

Function SEGPROFIT(segment, period, Optional measure, Optional data)
    #If App = "Microsoft Excel" Then
        If TypeOf Application.Caller Is Range Then On Error GoTo failed
        SEGPROFIT = XLPy.CallUDF("xlsegment.udfs.functions", "SEGPROFIT", Array(segment, period, measure, data), ActiveWorkbook, Application.Caller)
        Exit Function
    #Else
        SEGPROFIT = XLPy.CallUDF("xlsegment.udfs.functions", "SEGPROFIT", Array(segment, period, measure, data))
        Exit Function
    #End If
failed:
    SEGPROFIT = Err.Description
End Function

Function SEGRATE(Optional data)
    #If App = "Microsoft Excel" Then
        If TypeOf Application.Caller Is Range Then On Error GoTo failed
        SEGRATE = XLPy.CallUDF("xlsegment.udfs.functions", "SEGRATE", Array(data), ActiveWorkbook, Application.Caller)
        Exit Function
    #Else
        SEGRATE = XLPy.CallUDF("xlsegment.udfs.functions", "SEGRATE", Array(data))
        Exit Function
    #End If
failed:
    SEGRATE = Err.Description
End Function

Function SEGRECON(period, Optional measure, Optional data)
    #If App = "Microsoft Excel" Then
        If TypeOf Application.Caller Is Range Then On Error GoTo failed
        SEGRECON = XLPy.CallUDF("xlsegment.udfs.functions", "SEGRECON", Array(period, measure, data), ActiveWorkbook, Application.Caller)
        Exit Function
    #Else
        SEGRECON = XLPy.CallUDF("xlsegment.udfs.functions", "SEGRECON", Array(period, measure, data))
        Exit Function
    #End If
failed:
    SEGRECON = Err.Description
End Function

Function SEGREVENUE(segment, period, Optional data)
    #If App = "Microsoft Excel" Then
        If TypeOf Application.Caller Is Range Then On Error GoTo failed
        SEGREVENUE = XLPy.CallUDF("xlsegment.udfs.functions", "SEGREVENUE", Array(segment, period, data), ActiveWorkbook, Application.Caller)
        Exit Function
    #Else
        SEGREVENUE = XLPy.CallUDF("xlsegment.udfs.functions", "SEGREVENUE", Array(segment, period, data))
        Exit Function
    #End If
failed:
    SEGREVENUE = Err.Description
End Function

Function SEGTABLE(table, period, Optional to_currency, Optional data)
    #If App = "Microsoft Excel" Then
        If TypeOf Application.Caller Is Range Then On Error GoTo failed
        SEGTABLE = XLPy.CallUDF("xlsegment.udfs.functions", "SEGTABLE", Array(table, period, to_currency, data), ActiveWorkbook, Application.Caller)
        Exit Function
    #Else
        SEGTABLE = XLPy.CallUDF("xlsegment.udfs.functions", "SEGTABLE", Array(table, period, to_currency, data))
        Exit Function
    #End If
failed:
    SEGTABLE = Err.Description
End Function

Function SEGTOTAL(line_item, period, Optional data)
    #If App = "Microsoft Excel" Then
        If TypeOf Application.Caller Is Range Then On Error GoTo failed
        SEGTOTAL = XLPy.CallUDF("xlsegment.udfs.functions", "SEGTOTAL", Array(line_item, period, data), ActiveWorkbook, Application.Caller)
        Exit Function
    #Else
        SEGTOTAL = XLPy.CallUDF("xlsegment.udfs.functions", "SEGTOTAL", Array(line_item, period, data))
        Exit Function
    #End If
failed:
    SEGTOTAL = Err.Description
End Function

Function SEGVALUE(line_item, segment, period, Optional data)
    #If App = "Microsoft Excel" Then
        If TypeOf Application.Caller Is Range Then On Error GoTo failed
        SEGVALUE = XLPy.CallUDF("xlsegment.udfs.functions", "SEGVALUE", Array(line_item, segment, period, data), ActiveWorkbook, Application.Caller)
        Exit Function
    #Else
        SEGVALUE = XLPy.CallUDF("xlsegment.udfs.functions", "SEGVALUE", Array(line_item, segment, period, data))
        Exit Function
    #End If
failed:
    SEGVALUE = Err.Description
End Function

